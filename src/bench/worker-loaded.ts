/**
 * What a worker thread posts once its modules are loaded. Piscina loads a
 * worker's ES modules through require() (Node 20.19+ require(esm)), and
 * terminating a thread in the middle of that aborts the whole process on
 * Node 20 ("FATAL ERROR: v8::Module::IsGraphAsync must be used on an
 * instantiated module"): a plan or bench that stops at its first bad cell
 * while another thread is still starting must wait for this message first.
 */
export const WORKER_LOADED = 'kubesim-worker-loaded';
