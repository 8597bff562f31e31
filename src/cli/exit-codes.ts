/** Exit codes of the kubesim command (documented in README.md). */
export const EXIT_OK = 0;
/** The run failed (an error during the simulation, or a bug in kubesim). */
export const EXIT_RUN_FAILED = 1;
/** Bad input: the scenario file or the command line. */
export const EXIT_BAD_INPUT = 2;
/** `kubesim plan` ran every run, and no candidate value met the SLO (the report is written). */
export const EXIT_PLAN_UNMET = 3;
