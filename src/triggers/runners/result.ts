/** What running a function gave: its return value, or the error it threw (message and type, as Lambda reports them). */
export type RunResult = { value: unknown } | { error: { message: string; type?: string } };

/** The function could not be run or did not answer in time (UnexpectedLambdaException). */
export class TriggerUnreachable extends Error {}
