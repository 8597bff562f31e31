/** ProfileError: a scheduler profile that cannot be built; the message names the profile and plugin. */
export class ProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileError';
  }
}
