/**
 * People, roles and credentials (issue 15): accounts with scrypt passwords and lockout, login
 * sessions, machines' service tokens, scoped roles (权限分离), and the append-only audit log.
 * The API turns a request's credential into a Principal and asks `authorize` before acting.
 */
export { createAccount, getAccount, requireAccount, findAccountByName, listAccounts, setPassword, setDisabled, updateAccount, grantRole, revokeRole } from './accounts';
export type { Account, NewAccount } from './accounts';
export { signIn, openSession, refreshSession, resolveSession, endSession, LOCKOUT, SESSION_LIMITS } from './sessions';
export { resetPassword, unlockAccount, changeOwnPassword, listSessions, revokeSessions } from './account-admin';
export type { SessionInfo } from './account-admin';
export { accountForOidc } from './oidc-accounts';
export type { OidcIdentity } from './oidc-accounts';
export { savePendingOidcLogin, takePendingOidcLogin, OIDC_LOGIN_MINUTES } from './oidc-logins';
export type { PendingOidcLogin } from './oidc-logins';
export type { Session, RequestOrigin } from './sessions';
export { issueServiceToken, resolveServiceToken, listServiceTokens, revokeServiceToken } from './service-tokens';
export type { ServiceToken, NewServiceToken } from './service-tokens';
export { recordAudit, listAudit, auditCsv, purgeAudit, AUDIT_RETENTION_DAYS } from './audit-log';
export type { Actor, AuditEvent, AuditEntry, AuditQuery } from './audit-log';
export { ACTIONS, ROLES, SERVICE_ROLES, roleAllows, scopeCovers, grantsAllow } from './roles';
export type { Action, Role, ServiceRole, Grant, SiteTree } from './roles';
export { ANONYMOUS, accountPrincipal, servicePrincipal, authorize, actorOf } from './principal';
export type { Principal } from './principal';
export { passwordProblem, PASSWORD_MIN_LENGTH } from './passwords';
