/** Failures that end the CLI with exit status 2 and a one-line message (no stack trace unless --debug). */

/** A command line the CLI cannot run: unknown option, missing value, bad rule id. */
export class UsageError extends Error {}

/** Input the CLI cannot read: a missing file, a folder where a file is needed, an unreadable config. */
export class InputError extends Error {}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_FAILURE = 2;
