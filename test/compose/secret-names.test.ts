import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSecretName } from '../../engine/src/compose/environment';

/**
 * Which names hold a secret (issue 16): a secret word followed only by words that qualify the value is a secret; a
 * secret word followed by any other word names a setting about the secret (its policy, lifetime, file, name...).
 */
const SECRETS = [
  'PASSWORD', 'POSTGRES_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'RABBITMQ_DEFAULT_PASS', 'DB_PASSWD', 'REDIS_PWD', 'GITHUB_TOKEN',
  'jwtSecret', 'api-key', 'STRIPE_API_KEY', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'SECRET_KEY_BASE',
  'DJANGO_SECRET_KEY', 'WORDPRESS_AUTH_KEY', 'AUTH_SALT', 'GOOGLE_CLIENT_SECRET', 'PRIVATE_KEY', 'PRIVATE_KEY_PEM',
  'API_KEY_2', 'DB_PASSWORD_PROD', 'ADMIN_PASSWORD_HASH', 'VAULT_SECRET_ID', 'SSH_PASSPHRASE', 'BASIC_AUTH',
  'GCP_CREDENTIALS_JSON', 'ENCRYPTION_KEY', 'AUTH_LDAP_BIND_PASSWORD', 'GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET',
  'NEXTAUTH_SECRET', 'TOKEN_V2',
];
const NOT_SECRETS = [
  'AUTHENTICATION_BACKENDS', 'DJANGO_AUTH_BACKENDS', 'AUTH_BACKENDS', 'LDAP_USER_SEARCH', 'AUTH_LDAP_USER_SEARCH',
  'AUTH_LDAP_USER_ATTR_MAP', 'AUTH_LDAP_GROUP_SEARCH', 'AUTH_LDAP_SERVER_URI', 'AUTH_LDAP_BIND_DN',
  'AUTH_PASSWORD_POLICY', 'KEYCLOAK_PASSWORD_POLICY', 'PASSWORD_MIN_LENGTH', 'JWT_TOKEN_EXPIRY', 'ACCESS_TOKEN_TTL',
  'REFRESH_TOKEN_LIFETIME', 'K8S_SECRET_NAME', 'TLS_KEY_PATH', 'PRIVATE_KEY_PATH', 'POSTGRES_PASSWORD_FILE',
  'API_KEY_FILE', 'POSTGRES_HOST_AUTH_METHOD', 'AUTH_ENABLED', 'GF_AUTH_ANONYMOUS_ENABLED', 'AUTH_TOKEN_HEADER',
  'GOOGLE_CLIENT_ID', 'SMTP_AUTH_USER', 'PASS_THROUGH', 'SECRETS_DIR', 'NEXTAUTH_URL', 'AUTH_PROVIDER', 'TOKEN_ISSUER',
  'PASSWORD_RESET_URL', 'OAUTH_SCOPES', 'DATABASE_URL', 'NODE_ENV', 'API_KEY_HEADER_NAME', '',
];

describe('secret names', () => {
  for (const name of SECRETS) it(`${name} holds a secret`, () => assert.equal(isSecretName(name), true));
  for (const name of NOT_SECRETS) it(`${name || '(empty)'} holds no secret`, () => assert.equal(isSecretName(name), false));
});
