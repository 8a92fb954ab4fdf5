import type { Language } from '../domain/index.ts';

/**
 * Every word of self-service subscription, Dutch first (English typed against it): the form on the
 * public pages, the pages of /abonneren (subscribe, confirm, manage, privacy) and the confirmation
 * mail. Plain language, u-vorm: the readers are municipal staff on a phone.
 */
const nl = {
  form: {
    heading: 'Berichten per e-mail',
    intro: 'Krijg een e-mail bij storingen en onderhoud. U bevestigt eerst uw adres; afmelden kan altijd.',
    introMunicipality: (name: string) => `Krijg een e-mail bij storingen en onderhoud voor gemeente ${name}. U bevestigt eerst uw adres; afmelden kan altijd.`,
    introProduct: (name: string) => `Krijg een e-mail bij storingen en onderhoud van ${name}. U bevestigt eerst uw adres; afmelden kan altijd.`,
    email: 'Uw e-mailadres',
    submit: 'Aanmelden',
    moreChoices: 'Meer keuzes: gemeenten, producten en taal',
    privacy: 'Wat wij bewaren en waarom',
  },
  page: {
    title: 'Aanmelden voor berichten per e-mail',
    intro: 'Kies waarover u een e-mail wilt krijgen. Kiest u niets, dan krijgt u berichten over alle gemeenten of alle producten.',
    municipalities: 'Over welke gemeenten?',
    products: 'Over welke producten?',
    language: 'Taal van de berichten',
    languages: { nl: 'Nederlands', en: 'Engels (English)' },
    backToStatus: 'Terug naar de statuspagina',
    errorSummary: 'Er is iets niet goed ingevuld',
  },
  sent: {
    title: 'Kijk in uw mailbox',
    body: (email: string) =>
      `Als ${email} nog niet bevestigd is, krijgt u binnen een paar minuten een e-mail met een bevestigingslink. Pas na uw klik op die link en de knop op de pagina die opent, bent u aangemeld. De link werkt 48 uur.`,
    noMail: 'Geen e-mail gekregen? Kijk ook in uw map met ongewenste e-mail.',
  },
  limited: {
    title: 'Te veel aanmeldingen',
    body: 'Vanaf dit adres zijn in korte tijd te veel aanmeldingen verstuurd. Probeer het over een uur opnieuw.',
  },
  confirm: {
    title: 'Aanmelding bevestigen',
    body: (email: string) => `Wilt u dat ${email} berichten krijgt over storingen en onderhoud?`,
    button: 'Ja, aanmelden',
    invalidTitle: 'Deze link werkt niet meer',
    invalidBody: 'De bevestigingslink is verlopen, al gebruikt of niet compleet. Meld u opnieuw aan; u krijgt dan een nieuwe link.',
    doneTitle: 'U bent aangemeld',
    doneBody: (email: string) => `${email} krijgt vanaf nu berichten over storingen en onderhoud. In elke e-mail staat een link om uw keuzes te wijzigen of af te melden.`,
    manageLink: 'Mijn keuzes wijzigen',
  },
  manage: {
    title: 'Uw aanmelding',
    intro: (email: string) => `Berichten gaan naar ${email}. Wijzig hier waarover u een e-mail krijgt, of meld u af.`,
    save: 'Keuzes opslaan',
    unsubscribeHeading: 'Afmelden',
    unsubscribeIntro: 'U krijgt dan geen berichten meer. Uw e-mailadres en keuzes worden verwijderd.',
    unsubscribe: 'Afmelden',
    saved: 'Uw keuzes zijn opgeslagen.',
    invalidTitle: 'Deze link werkt niet',
    invalidBody: 'Deze link is niet compleet of hoort niet bij een aanmelding. Gebruik de link uit de laatste e-mail die u kreeg.',
    goneTitle: 'U bent afgemeld',
    goneBody: 'Dit adres krijgt geen berichten meer. Uw e-mailadres en keuzes zijn verwijderd.',
  },
  choices: {
    allMunicipalities: 'alle gemeenten',
    allProducts: 'alle producten',
    summary: (municipalities: string, products: string) => `Over: ${municipalities}. Producten: ${products}.`,
  },
  privacy: {
    title: 'Privacy: berichten per e-mail',
    paragraphs: (vendor: string) => [
      `${vendor} bewaart voor berichten per e-mail alleen uw e-mailadres, de gemeenten en producten die u kiest en de taal van de berichten. Wij gebruiken dit alleen om u te mailen over storingen en onderhoud.`,
      'Na uw aanmelding krijgt u een e-mail met een bevestigingslink. Bevestigt u niet binnen 48 uur, dan verwijderen wij uw aanmelding en de gegevens van die e-mail. Lukt het versturen niet, dan noteert ons logboek dat, met uw adres.',
      'Na bevestiging bewaren wij uw gegevens tot u zich afmeldt. Afmelden kan met de link in elke e-mail; uw e-mailadres en keuzes worden dan meteen verwijderd.',
      'Tegen misbruik tellen wij hoe vaak een adres en een internetadres zich aanmelden. Die telling bewaren wij onleesbaar gemaakt (als hash) en hooguit een dag.',
    ],
  },
  mail: {
    confirmSubject: 'Bevestig uw aanmelding voor storingsberichten',
    confirmIntro: (vendor: string) => `U (of iemand anders) heeft dit adres aangemeld voor berichten over storingen en onderhoud van ${vendor}.`,
    confirmAction: 'Bevestig uw aanmelding via deze link:',
    confirmButton: 'Aanmelding bevestigen',
    confirmExpiry: 'De link werkt 48 uur. Heeft u zich niet aangemeld? Dan hoeft u niets te doen; wij bewaren uw adres dan niet.',
  },
};

export type SubscriptionTexts = typeof nl;

const en: SubscriptionTexts = {
  form: {
    heading: 'Messages by e-mail',
    intro: 'Get an e-mail about outages and maintenance. You confirm your address first; you can unsubscribe at any time.',
    introMunicipality: (name: string) => `Get an e-mail about outages and maintenance for the municipality of ${name}. You confirm your address first; you can unsubscribe at any time.`,
    introProduct: (name: string) => `Get an e-mail about outages and maintenance of ${name}. You confirm your address first; you can unsubscribe at any time.`,
    email: 'Your e-mail address',
    submit: 'Subscribe',
    moreChoices: 'More choices: municipalities, products and language',
    privacy: 'What we keep and why',
  },
  page: {
    title: 'Subscribe to messages by e-mail',
    intro: 'Choose what you want an e-mail about. If you choose nothing, you get messages about all municipalities or all products.',
    municipalities: 'Which municipalities?',
    products: 'Which products?',
    language: 'Language of the messages',
    languages: { nl: 'Dutch (Nederlands)', en: 'English' },
    backToStatus: 'Back to the status page',
    errorSummary: 'Something is not filled in correctly',
  },
  sent: {
    title: 'Check your mailbox',
    body: (email: string) =>
      `If ${email} has not been confirmed yet, you will get an e-mail with a confirmation link within a few minutes. You are subscribed only after you follow that link and press the button on the page it opens. The link works for 48 hours.`,
    noMail: 'No e-mail? Also look in your junk mail folder.',
  },
  limited: {
    title: 'Too many subscriptions',
    body: 'Too many subscriptions were sent from this address in a short time. Try again in an hour.',
  },
  confirm: {
    title: 'Confirm your subscription',
    body: (email: string) => `Do you want ${email} to get messages about outages and maintenance?`,
    button: 'Yes, subscribe',
    invalidTitle: 'This link no longer works',
    invalidBody: 'The confirmation link has expired, was already used or is incomplete. Subscribe again to get a new link.',
    doneTitle: 'You are subscribed',
    doneBody: (email: string) => `${email} will now get messages about outages and maintenance. Every e-mail has a link to change your choices or unsubscribe.`,
    manageLink: 'Change my choices',
  },
  manage: {
    title: 'Your subscription',
    intro: (email: string) => `Messages go to ${email}. Change what you get an e-mail about here, or unsubscribe.`,
    save: 'Save choices',
    unsubscribeHeading: 'Unsubscribe',
    unsubscribeIntro: 'You will get no more messages. Your e-mail address and choices are deleted.',
    unsubscribe: 'Unsubscribe',
    saved: 'Your choices have been saved.',
    invalidTitle: 'This link does not work',
    invalidBody: 'This link is incomplete or does not belong to a subscription. Use the link from the latest e-mail you received.',
    goneTitle: 'You are unsubscribed',
    goneBody: 'This address gets no more messages. Your e-mail address and choices have been deleted.',
  },
  choices: {
    allMunicipalities: 'all municipalities',
    allProducts: 'all products',
    summary: (municipalities: string, products: string) => `About: ${municipalities}. Products: ${products}.`,
  },
  privacy: {
    title: 'Privacy: messages by e-mail',
    paragraphs: (vendor: string) => [
      `For messages by e-mail, ${vendor} keeps only your e-mail address, the municipalities and products you choose and the language of the messages. We use them only to e-mail you about outages and maintenance.`,
      'After you subscribe you get an e-mail with a confirmation link. If you do not confirm within 48 hours, we delete your subscription and the records of that e-mail. If it cannot be sent, our log notes that, with your address.',
      'After confirmation we keep your details until you unsubscribe. You can unsubscribe with the link in every e-mail; your e-mail address and choices are then deleted at once.',
      'Against abuse we count how often an address and an internet address subscribe. We keep that count made unreadable (as a hash) and for one day at most.',
    ],
  },
  mail: {
    confirmSubject: 'Confirm your subscription to outage messages',
    confirmIntro: (vendor: string) => `You (or someone else) subscribed this address to messages about outages and maintenance of ${vendor}.`,
    confirmAction: 'Confirm your subscription with this link:',
    confirmButton: 'Confirm subscription',
    confirmExpiry: 'The link works for 48 hours. Did you not subscribe? Then you need not do anything; we will not keep your address.',
  },
};

export function subscriptionMessages(lang: Language): SubscriptionTexts {
  return lang === 'en' ? en : nl;
}
