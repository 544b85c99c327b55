/** One dependency the app cannot serve without. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean>;
  /** False only for what a restart would cure (a connection closed for good); an outage ridden out is no reason. */
  alive?(): boolean;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
