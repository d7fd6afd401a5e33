/** The bot scopes Kontakt asks for, the same list as manifest.yml (a test keeps them in step; README explains each). */
export const botScopes = [
  'commands',
  'chat:write',
  'users:read',
  'files:write',
  'files:read',
  'users:read.email',
  'im:write',
  'channels:read',
  'groups:read',
];
