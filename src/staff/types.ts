// Staff accounts and who is acting on a request.

export type StaffRole = 'admin' | 'agency' | 'editor';
export const STAFF_ROLES: readonly StaffRole[] = ['admin', 'agency', 'editor'];

export const ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  admin: 'Quản trị',
  agency: 'Cán bộ cơ quan',
  editor: 'Biên tập nội dung',
};

export interface StaffUser {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  /** Set for role 'agency' only: the agency whose tickets the user works on. */
  agencyId?: string;
  active: boolean;
  createdAt: string;
}

export interface NewStaffUser {
  username: string;
  displayName?: string;
  role: StaffRole;
  agencyId?: string;
  passwordHash: string;
}

/**
 * Who is acting: a logged-in user, or a script with the bearer token (role 'api': every ticket,
 * no console pages). `actor` is what the audit log records.
 */
export interface Principal {
  actor: string;
  role: StaffRole | 'api';
  agencyId?: string;
  user?: StaffUser;
}

export interface StaffSession {
  user: StaffUser;
  csrfToken: string;
  expiresAt: string;
}

/** One question the bot could not answer, already masked (see unanswered.ts). */
export interface UnansweredQuestion {
  id: number;
  at: string;
  channel: string;
  outcome: string;
  text: string;
}

export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;
