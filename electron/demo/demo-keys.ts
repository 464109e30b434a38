/**
 * The issued keys the demo creates at set-up, through each system's admin API. Pure data: which
 * workspace secret gets which key. Two are deliberately imperfect so the warnings have something
 * to show: the monitoring job's key is broader than it needs (journey-admin for a job that only
 * reads), the chat consumer's key expires within 7 days, and the planning consumer's key is past its
 * 30-day rotation schedule (made to look 45 days old; rotating it is the fix). Expiry and age are in
 * days from the injected clock at set-up time, never a fixed date.
 */
export interface DemoKeyPlan {
  secret: string;
  issuer: 'hogsend' | 'tokenhub' | 'hiveforge';
  name: string;
  scopes: string[];
  /** Days from set-up; null = no expiry. */
  expiresInDays: number | null;
  /** TokenHub's rotation schedule in days, and how many days before set-up the key is dated (the demo's TokenHub allows back-dating). */
  rotation?: { everyDays: number; createdDaysAgo: number };
  /** Why the demo made this key the way it is (shown nowhere; for readers). */
  note: string;
}

export const DEMO_KEYS: readonly DemoKeyPlan[] = [
  { secret: 'hogsend-monitor-key', issuer: 'hogsend', name: 'Monitoring job', scopes: ['journey-admin'], expiresInDays: 90, note: 'over-privileged on purpose: the job only reads' },
  { secret: 'hogsend-journeys-key', issuer: 'hogsend', name: 'Journey worker', scopes: ['journey-admin'], expiresInDays: 90, note: 'least privilege for enrolling users' },
  { secret: 'tokenhub-chat-key', issuer: 'tokenhub', name: 'Chat consumer', scopes: ['chat'], expiresInDays: 5, note: 'expires within 7 days on purpose' },
  { secret: 'tokenhub-planner-key', issuer: 'tokenhub', name: 'Planning consumer', scopes: ['chat', 'plan'], expiresInDays: 60, rotation: { everyDays: 30, createdDaysAgo: 45 }, note: 'least privilege for chat + plan; past its rotation schedule on purpose' },
  { secret: 'hiveforge-integration-key', issuer: 'hiveforge', name: 'Deploy integration', scopes: ['deployments:read'], expiresInDays: 60, note: 'a sandbox (hf_test_) key per integration' },
];

/** The HiveForge owner the demo's sandbox org is managed as (the peer seeds it from HIVEFORGE_OWNER_ID). */
export const DEMO_HIVEFORGE_OWNER = { id: 'demo-owner', org: 'org-1', role: 'owner' } as const;
/** How long the demo's HiveForge JWT lasts (a real one comes from a login and expires too). */
export const DEMO_JWT_HOURS = 12;
