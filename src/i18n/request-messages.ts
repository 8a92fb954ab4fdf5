import type { Language } from '../domain/index.ts';

/**
 * What the admin says when a request cannot be read at all: a content type it does not take, a
 * form body that is broken, or an error of our own. Dutch first; English typed against it.
 */
const nl = {
  unsupportedContentType: 'Dit verzoek is niet als formulier verstuurd. Gebruik het formulier op de pagina en probeer het opnieuw.',
  malformedForm: 'Het formulier kwam beschadigd aan en is niet verwerkt. Er is niets gewijzigd. Probeer het opnieuw.',
  unexpected: 'Er ging iets mis aan onze kant. Er is niets gewijzigd. Probeer het opnieuw; blijft het misgaan, meld het dan aan de beheerder.',
};

const en: typeof nl = {
  unsupportedContentType: 'This request was not sent as a form. Use the form on the page and try again.',
  malformedForm: 'The form arrived damaged and was not processed. Nothing was changed. Try again.',
  unexpected: 'Something went wrong on our side. Nothing was changed. Try again; if it keeps failing, tell the administrator.',
};

export type RequestMessages = typeof nl;

export function requestMessages(lang: Language): RequestMessages {
  return lang === 'en' ? en : nl;
}
