/** The exit codes of every `keyhive` command (see exit.ts); no imports, so the CLI's entry can use them before loading anything. */
export const EXIT_OK = 0;
export const EXIT_PROBLEM = 1;
export const EXIT_USAGE = 2;
