/** The time as the service sees it; tests inject another (quiet hours at any hour of the day). */
export type Clock = () => Date;
export const CLOCK = Symbol('CLOCK');
export const systemClock: Clock = () => new Date();
