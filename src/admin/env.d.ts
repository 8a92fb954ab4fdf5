/** What the admin's middleware and pages find in Astro.locals (the server passes `{ app }`). */
declare namespace App {
  interface Locals {
    app?: import('../composition/helder-app.ts').HelderApp;
    /** Set by the middleware when the session cookie is valid. */
    user?: import('../auth/signed-in-user.ts').SignedInUser;
    /** The browser's session ran out: the sign-in page says so. */
    sessionExpired?: boolean;
    lang?: import('../domain/index.ts').Language;
  }
}
