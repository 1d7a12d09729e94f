/** Who is making a request, as the auth gate established it. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  /** How the request authenticated: a bearer token, the admin UI's session cookie, or core itself (start-up tasks). */
  via: 'bearer' | 'cookie' | 'system';
}
