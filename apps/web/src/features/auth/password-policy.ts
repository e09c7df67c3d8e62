/**
 * Client-side mirror of the server's password rule (at least 10 characters, three of four
 * character classes). The server stays authoritative; this only spares a round trip.
 */
export const minPasswordLength = 10;
export const minPasswordClasses = 3;

export const passwordLength = (password: string): number => [...password].length;

export const passwordClasses = (password: string): number =>
  [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;

export const meetsPasswordPolicy = (password: string): boolean =>
  passwordLength(password) >= minPasswordLength && passwordClasses(password) >= minPasswordClasses;
