import type { ChannelKind, Language } from '../domain/index.ts';

/**
 * Every word of the channels (Teams, Slack, webhooks): the admin screen, and the labels inside the
 * chat messages themselves (Dutch: the municipalities read them). Dutch first; English typed against it.
 */
const nl = {
  title: 'Kanalen',
  intro:
    'Goedgekeurde berichten gaan behalve per e-mail ook naar deze kanalen: Microsoft Teams, Slack en webhooks voor koppelingen. Een kanaal hoort bij één gemeente, of bij alle berichten (leverancier).',
  secretNote: 'Een webadres van een kanaal is geheim: wie het heeft, kan berichten in het kanaal plaatsen. Daarom ziet u hier alleen het begin.',
  none: 'Er zijn nog geen kanalen.',
  kinds: { teams: 'Microsoft Teams', slack: 'Slack', webhook: 'Webhook' } satisfies Record<ChannelKind, string>,
  columns: { name: 'Naam', kind: 'Soort', municipality: 'Gemeente', url: 'Webadres', createdAt: 'Toegevoegd', actions: 'Acties' },
  vendorWide: 'Alle berichten (leverancier)',
  add: {
    title: 'Kanaal toevoegen',
    kind: 'Soort kanaal',
    name: 'Naam',
    nameHint: 'Bijvoorbeeld "Teams ICT-team gemeente Utrecht".',
    municipality: 'Voor welke gemeente?',
    url: 'Webadres van het kanaal',
    urlHint:
      'Teams: het adres van de Workflows-webhook ("Post to a channel when a webhook request is received"). Slack: het adres van de incoming webhook. Webhook: het adres van uw koppeling. Het adres begint met https://.',
    submit: 'Kanaal toevoegen',
  },
  secretShown: {
    title: 'Geheime sleutel van de webhook',
    intro: 'Geef deze sleutel aan de beheerder van de koppeling. Hiermee controleert die dat berichten echt van Helder komen. U ziet de sleutel maar één keer.',
  },
  test: (name: string) => `Testbericht naar ${name}`,
  remove: (name: string) => `${name} verwijderen`,
  testSent: 'Het testbericht staat klaar om te versturen. Volg het op de verzendpagina.',
  followTest: 'Bekijk de verzending van het testbericht',
  done: {
    channel_added: 'Het kanaal is toegevoegd.',
    channel_removed: 'Het kanaal is verwijderd. Het krijgt geen berichten meer.',
  },
  /** On the delivery page. */
  delivery: {
    channel: (kind: string) => `Kanaal: ${kind}`,
    captured: 'Vastgelegd tijdens de oefening (niet verstuurd)',
    capturedIntro: 'Een oefening verstuurt niets naar Teams, Slack of webhooks. Dit is precies wat elk kanaal zou hebben ontvangen.',
  },
  /** On the compose and approval screens. */
  preview: {
    title: 'Voorbeeld in de kanalen',
    intro: (count: number) =>
      count === 1 ? 'Dit bericht gaat ook naar 1 kanaal. Zo ziet het eruit:' : `Dit bericht gaat ook naar ${count} kanalen. Zo ziet het eruit:`,
    none: 'Er zijn geen kanalen voor de gemeenten van dit bericht.',
    payload: (kind: string) => `Wat ${kind} ontvangt (JSON)`,
  },
  /** Inside the chat messages (Teams card, Slack blocks). */
  card: {
    status: 'Status',
    products: 'Producten',
    municipalities: 'Gemeenten',
    allMunicipalities: (count: number) => `${count} gemeenten`,
    meanwhile: 'Wat kunt u in de tussentijd doen?',
    nextUpdate: 'Volgende update',
    noNextUpdate: 'Geen volgende update gepland',
    link: 'Bekijk op de statuspagina',
  },
};

export type ChannelMessages = typeof nl;

const en: ChannelMessages = {
  title: 'Channels',
  intro:
    'Approved messages go to these channels as well as by e-mail: Microsoft Teams, Slack and webhooks for integrations. A channel belongs to one municipality, or to every message (vendor).',
  secretNote: 'A channel address is a secret: whoever has it can post in the channel. That is why you only see its beginning here.',
  none: 'There are no channels yet.',
  kinds: { teams: 'Microsoft Teams', slack: 'Slack', webhook: 'Webhook' },
  columns: { name: 'Name', kind: 'Kind', municipality: 'Municipality', url: 'Address', createdAt: 'Added', actions: 'Actions' },
  vendorWide: 'Every message (vendor)',
  add: {
    title: 'Add a channel',
    kind: 'Kind of channel',
    name: 'Name',
    nameHint: 'For example "Teams IT team municipality of Utrecht".',
    municipality: 'For which municipality?',
    url: 'Channel address',
    urlHint:
      'Teams: the address of the Workflows webhook ("Post to a channel when a webhook request is received"). Slack: the incoming webhook address. Webhook: the address of your integration. It starts with https://.',
    submit: 'Add channel',
  },
  secretShown: {
    title: 'Secret key of the webhook',
    intro: 'Give this key to whoever runs the integration. It lets them check that messages really come from Helder. You see the key only once.',
  },
  test: (name: string) => `Test message to ${name}`,
  remove: (name: string) => `Remove ${name}`,
  testSent: 'The test message is ready to go. Follow it on the delivery page.',
  followTest: 'See the delivery of the test message',
  done: {
    channel_added: 'The channel has been added.',
    channel_removed: 'The channel has been removed. It receives no more messages.',
  },
  delivery: {
    channel: (kind: string) => `Channel: ${kind}`,
    captured: 'Captured during the drill (not sent)',
    capturedIntro: 'A drill sends nothing to Teams, Slack or webhooks. This is exactly what each channel would have received.',
  },
  preview: {
    title: 'Preview in the channels',
    intro: (count: number) => (count === 1 ? 'This message also goes to 1 channel. This is how it looks:' : `This message also goes to ${count} channels. This is how it looks:`),
    none: 'There are no channels for the municipalities of this message.',
    payload: (kind: string) => `What ${kind} receives (JSON)`,
  },
  card: {
    status: 'Status',
    products: 'Products',
    municipalities: 'Municipalities',
    allMunicipalities: (count: number) => `${count} municipalities`,
    meanwhile: 'What can you do meanwhile?',
    nextUpdate: 'Next update',
    noNextUpdate: 'No next update planned',
    link: 'View on the status page',
  },
};

export function channelMessages(lang: Language): ChannelMessages {
  return lang === 'en' ? en : nl;
}
