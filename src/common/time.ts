/** Cognito's wire format for dates: epoch seconds, with milliseconds as a fraction. */
export const toEpochSeconds = (ms: number): number => ms / 1000;
