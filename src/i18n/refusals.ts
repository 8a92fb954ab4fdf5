import { formatShortDateTime } from './format.ts';
import { messages } from './messages.ts';
import { readStoredRefusal, type Language, type Problem, type ProblemCode, type ProblemParams, type Refusal, type RefusalCode } from '../domain/index.ts';

/**
 * The texts of every refusal and every field problem (src/domain/refusal.ts), Dutch first and
 * English typed against it: a code without a text in either language does not type-check. Each
 * text says what is wrong and what to do, in the u-form, without internal names.
 */

type Text = string | ((params: ProblemParams) => string);

const list = (value: ProblemParams[string] | undefined, conjunction: string): string => {
  const items = Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
};

/** The roles as the admin names them (src/auth/roles.ts ROLE_LABELS, lower case for use in a sentence). */
const ROLE_NAMES: Record<Language, Record<string, string>> = {
  nl: { composer: 'opsteller', approver: 'goedkeurder', admin: 'beheerder', incident_manager: 'incidentmanager' },
  en: { composer: 'composer', approver: 'approver', admin: 'administrator', incident_manager: 'incident manager' },
};
const roles = (value: ProblemParams[string] | undefined, lang: Language): string =>
  list(Array.isArray(value) ? value.map((role) => ROLE_NAMES[lang][String(role)] ?? String(role)) : value, lang === 'nl' ? 'of' : 'or');

const ACTIONS_NL: Record<string, string> = {
  edit: 'Dit bericht kan niet meer worden gewijzigd. Zet het eerst terug naar concept.',
  submit: 'Alleen een concept kan ter goedkeuring worden aangeboden.',
  return_to_draft: 'Alleen een aangeboden of afgewezen bericht kan terug naar concept.',
  approve: 'Dit bericht kan niet (meer) worden goedgekeurd.',
  reject: 'Alleen een aangeboden bericht kan worden afgewezen.',
  void: 'Alleen een aangeboden bericht kan ongeldig worden.',
  cancel: 'Dit bericht kan niet meer worden geannuleerd. Pauzeer of stop de verzending op de verzendpagina.',
  publish: 'Alleen een goedgekeurd bericht kan worden gepubliceerd.',
};
const ACTIONS_EN: Record<string, string> = {
  edit: 'This message can no longer be edited. Return it to draft first.',
  submit: 'Only a draft can be submitted for approval.',
  return_to_draft: 'Only a submitted or rejected message can return to draft.',
  approve: 'This message cannot be approved (any more).',
  reject: 'Only a submitted message can be rejected.',
  void: 'Only a submitted message can be voided.',
  cancel: 'This message can no longer be cancelled. Pause or stop the send on the delivery page.',
  publish: 'Only an approved message can be published.',
};

const ACCOUNT_CHANGES_NL: Record<string, string> = { created: 'aangemaakt', enabled: 'ingeschakeld', roles_changed: 'de rollen gewijzigd', password_reset: 'het wachtwoord opnieuw ingesteld' };
const ACCOUNT_CHANGES_EN: Record<string, string> = { created: 'created', enabled: 'enabled', roles_changed: 'changed the roles of', password_reset: 'reset the password of' };
/** A maintenance status as the status page names it ("Gepland"), not its code. */
const maintenanceStatus = (value: ProblemParams[string] | undefined, lang: Language): string => {
  const labels: Record<string, string> = messages(lang).maintenanceStatus;
  return labels[String(value)] ?? String(value);
};
const until = (value: ProblemParams[string] | undefined, lang: Language): string => (typeof value === 'string' ? formatShortDateTime(new Date(value), lang) : '');

const refusalsNl = {
  invalid_input: 'Controleer de velden hieronder.',
  not_signed_in: 'Meld u eerst aan.',
  forbidden: (params) =>
    params.roles ? `Hiervoor is de rol ${roles(params.roles, 'nl')} nodig. Vraag een beheerder om u die rol te geven.` : 'U heeft niet de rol die hiervoor nodig is. Vraag een beheerder om u die rol te geven.',
  user_not_found: 'Deze gebruiker bestaat niet (meer).',
  email_taken: 'Er is al een gebruiker met dit e-mailadres. Gebruik een ander adres of pas die gebruiker aan.',
  last_admin: 'Dit is de laatste actieve beheerder. Geef eerst iemand anders de rol beheerder.',
  own_account: 'U kunt uw eigen account niet uitschakelen en uw eigen rollen niet wijzigen. Vraag een andere beheerder.',
  weak_password: 'Kies een sterker wachtwoord.',
  incident_not_found: 'Dit incident bestaat niet (meer).',
  maintenance_not_found: 'Dit onderhoud bestaat niet (meer).',
  incident_resolved: 'Dit incident is al opgelost. Open een nieuw incident als de storing terugkomt.',
  incident_not_resolved: 'Een analyse achteraf kan pas als het incident is opgelost.',
  maintenance_transition: (params) => `Dit onderhoud kan niet van "${maintenanceStatus(params.from, 'nl')}" naar "${maintenanceStatus(params.to, 'nl')}". Kies een status die daarna past.`,
  clock_behind: 'De vorige update is van later dan nu. Controleer de klok van de server en probeer het opnieuw.',
  incident_awaiting_approval: 'Dit incident staat nog niet op de statuspagina: de opening wacht op goedkeuring. Wacht tot een collega het heeft goedgekeurd.',
  public_change_not_found: 'Deze wijziging bestaat niet (meer).',
  public_change_decided: 'Over deze wijziging is al besloten. Vernieuw de pagina.',
  own_public_change: 'U heeft dit zelf aangeboden. Een collega moet het goedkeuren.',
  public_change_voided: 'Het incident is veranderd nadat dit werd aangeboden. Het is niet goedgekeurd: laat de opsteller het opnieuw aanbieden.',
  message_not_found: 'Dit bericht bestaat niet (meer).',
  subject_not_found: 'Het incident of onderhoud van dit bericht bestaat niet (meer).',
  transition_not_allowed: (params) => ACTIONS_NL[String(params.action)] ?? 'Dit kan niet in de huidige stand van het bericht.',
  role_required: (params) => (params.roles ? `Hiervoor is de rol ${roles(params.roles, 'nl')} nodig.` : 'U heeft niet de rol die hiervoor nodig is.'),
  self_approval: 'U heeft dit bericht zelf geschreven. Een collega moet het goedkeuren.',
  editor_approval: 'U heeft dit bericht bewerkt of aangeboden. Een collega die dat niet deed, moet het goedkeuren.',
  approver_changed_author: (params) =>
    `U heeft het account van de schrijver van dit bericht ${ACCOUNT_CHANGES_NL[String(params.change)] ?? 'gewijzigd'}. Daarom mag u de berichten van dit account ${params.days} dagen niet goedkeuren (tot ${until(params.until, 'nl')}). Vraag een andere goedkeurder.`,
  approver_roles_changed: (params) =>
    `Uw rollen zijn net gewijzigd. Daarom mag u ${params.hours} uur lang geen berichten goedkeuren (tot ${until(params.until, 'nl')}). Vraag een andere goedkeurder.`,
  approval_voided: 'Het bericht is gewijzigd nadat het werd aangeboden. Het staat weer in concept: controleer het en bied het opnieuw aan.',
  rejection_reason_required: (params) => `Geef een reden van minstens ${params.minimum} tekens, zodat de opsteller weet wat er moet veranderen.`,
  drill_flag_fixed: 'Of een bericht een oefening is, ligt vast bij het aanmaken. Maak een nieuw bericht.',
  concurrent_change: 'Iemand anders wijzigde dit op hetzelfde moment. Laad de pagina opnieuw en probeer het nog eens.',
  send_not_found: 'Deze verzending bestaat niet.',
  send_paused: 'Deze verzending staat al stil. Kies "Verzending hervatten" om verder te gaan.',
  send_running: 'Deze verzending loopt al.',
  send_cancelled: 'Deze verzending is gestopt en kan niet meer verder.',
  contact_not_found: 'Deze contactpersoon bestaat niet (meer).',
  csv_unreadable: (params) => `Het bestand is geen leesbaar CSV-bestand (regel ${params.line}). Sla het op als CSV (puntkomma of komma) en probeer het opnieuw.`,
  drill_not_found: 'Deze oefening bestaat niet.',
  drill_running: 'Er loopt al een oefening. Beëindig die eerst.',
  drill_ended: 'Deze oefening is al beëindigd.',
  scenario_not_found: 'Dit scenario bestaat niet.',
  scenario_invalid: 'Het scenario klopt niet. Bekijk de punten hieronder.',
  scenario_shipped_id: (params) => `"${params.id}" is de naam van een meegeleverd scenario. Kies een eigen naam.`,
  signal_not_found: 'Het scenario heeft deze melding niet.',
  signal_injected: 'Deze melding is al ingebracht.',
  alert_not_found: 'Deze waarschuwing bestaat niet (meer).',
  alert_closed: 'Deze waarschuwing is al afgehandeld.',
  api_token_not_found: 'Deze sleutel bestaat niet of is al ingetrokken.',
  channel_not_found: 'Dit kanaal bestaat niet of is al verwijderd.',
  api_token_name_taken: (params) => `Er is al een geldige sleutel met de naam "${params.name}". Kies een andere naam of trek die sleutel eerst in.`,
  subscription_rate_limited: 'Vanaf dit adres zijn in korte tijd te veel aanmeldingen verstuurd. Probeer het over een uur opnieuw.',
} satisfies Record<RefusalCode, Text>;

const refusalsEn: Record<RefusalCode, Text> = {
  invalid_input: 'Check the fields below.',
  not_signed_in: 'Sign in first.',
  forbidden: (params) =>
    params.roles ? `This needs the ${roles(params.roles, 'en')} role. Ask an administrator to give you that role.` : 'You do not have the role this needs. Ask an administrator to give you that role.',
  user_not_found: 'This user does not exist (any more).',
  email_taken: 'There already is a user with this e-mail address. Use another address or change that user.',
  last_admin: 'This is the last active administrator. Give someone else the administrator role first.',
  own_account: 'You cannot disable your own account or change your own roles. Ask another administrator.',
  weak_password: 'Choose a stronger password.',
  incident_not_found: 'This incident does not exist (any more).',
  maintenance_not_found: 'This maintenance does not exist (any more).',
  incident_resolved: 'This incident is already resolved. Open a new incident if the outage returns.',
  incident_not_resolved: 'A post-incident review can only be added once the incident is resolved.',
  maintenance_transition: (params) => `This maintenance cannot go from "${maintenanceStatus(params.from, 'en')}" to "${maintenanceStatus(params.to, 'en')}". Choose a status that can follow.`,
  clock_behind: 'The previous update is later than now. Check the server clock and try again.',
  incident_awaiting_approval: 'This incident is not on the status page yet: its opening waits for approval. Wait until a colleague has approved it.',
  public_change_not_found: 'This change does not exist (any more).',
  public_change_decided: 'This change has already been decided on. Reload the page.',
  own_public_change: 'You offered this yourself. A colleague must approve it.',
  public_change_voided: 'The incident changed after this was offered. It has not been approved: ask the author to offer it again.',
  message_not_found: 'This message does not exist (any more).',
  subject_not_found: "This message's incident or maintenance does not exist (any more).",
  transition_not_allowed: (params) => ACTIONS_EN[String(params.action)] ?? 'This is not possible in the message’s current state.',
  role_required: (params) => (params.roles ? `This needs the ${roles(params.roles, 'en')} role.` : 'You do not have the role this needs.'),
  self_approval: 'You wrote this message. A colleague must approve it.',
  editor_approval: 'You edited or submitted this message. A colleague who did not must approve it.',
  approver_changed_author: (params) =>
    `You ${ACCOUNT_CHANGES_EN[String(params.change)] ?? 'changed'} the account of this message's author. So you may not approve this account's messages for ${params.days} days (until ${until(params.until, 'en')}). Ask another approver.`,
  approver_roles_changed: (params) =>
    `Your roles changed recently. So you may not approve messages for ${params.hours} hours (until ${until(params.until, 'en')}). Ask another approver.`,
  approval_voided: 'The message changed after it was submitted. It is back in draft: check it and submit it again.',
  rejection_reason_required: (params) => `Give a reason of at least ${params.minimum} characters, so the author knows what to change.`,
  drill_flag_fixed: 'Whether a message is a drill is fixed when it is created. Start a new message.',
  concurrent_change: 'Someone else changed this at the same moment. Reload the page and try again.',
  send_not_found: 'This send does not exist.',
  send_paused: 'This send is already paused. Choose "Resume sending" to continue.',
  send_running: 'This send is already running.',
  send_cancelled: 'This send was stopped and cannot continue.',
  contact_not_found: 'This contact does not exist (any more).',
  csv_unreadable: (params) => `The file is not a readable CSV file (line ${params.line}). Save it as CSV (semicolon or comma) and try again.`,
  drill_not_found: 'This drill does not exist.',
  drill_running: 'A drill is already running. End it first.',
  drill_ended: 'This drill has already ended.',
  scenario_not_found: 'This scenario does not exist.',
  scenario_invalid: 'The scenario is not correct. See the points below.',
  scenario_shipped_id: (params) => `"${params.id}" is the name of a shipped scenario. Choose a name of your own.`,
  signal_not_found: 'The scenario has no such signal.',
  signal_injected: 'This signal was already injected.',
  alert_not_found: 'This alert does not exist (any more).',
  alert_closed: 'This alert has already been handled.',
  api_token_not_found: 'This token does not exist or has already been revoked.',
  channel_not_found: 'This channel does not exist or has already been removed.',
  api_token_name_taken: (params) => `There already is a valid token named "${params.name}". Choose another name or revoke that token first.`,
  subscription_rate_limited: 'Too many subscriptions were sent from this address in a short time. Try again in an hour.',
};

const problemsNl = {
  required: (params) => (params.options ? `Vul dit in: kies uit ${list(params.options, 'of')}.` : 'Vul dit in.'),
  too_short: (params) => `Gebruik minstens ${params.minimum} tekens.`,
  too_long: (params) => `Gebruik hoogstens ${params.maximum} tekens${params.length !== undefined ? ` (nu ${params.length})` : ''}.`,
  too_few: (params) => (Number(params.minimum) <= 1 ? 'Kies er minstens één.' : `Kies er minstens ${params.minimum}.`),
  too_many: (params) => `Kies er hoogstens ${params.maximum}.`,
  too_small: (params) => (params.above !== undefined ? `Vul een getal in groter dan ${params.above}.` : `Vul een getal in van minstens ${params.minimum}.`),
  too_big: (params) => (params.below !== undefined ? `Vul een getal in kleiner dan ${params.below}.` : `Vul een getal in van hoogstens ${params.maximum}.`),
  not_whole_number: 'Vul een heel getal in.',
  wrong_type: 'Dit heeft niet de verwachte vorm. Vul het opnieuw in.',
  not_one_of: (params) => `Kies een van deze mogelijkheden: ${list(params.options, 'of')}.`,
  unknown_fields: (params) => `Onbekende velden: ${list(params.keys, 'en')}. Controleer de spelling.`,
  invalid_email: 'Vul één geldig e-mailadres in, bijvoorbeeld servicedesk@gemeente.nl.',
  invalid_date_time: 'Vul een datum en tijd in, bijvoorbeeld 27-11-2026 10:30.',
  invalid_slug: 'Gebruik alleen kleine letters, cijfers en losse streepjes, bijvoorbeeld "registra-brp".',
  invalid_municipality_code: 'Vul een CBS-gemeentecode in: GM en vier cijfers, bijvoorbeeld GM0344.',
  invalid_url: 'Vul een volledig webadres in dat begint met https://.',
  invalid: 'Dit klopt niet. Controleer wat u hebt ingevuld.',
  single_line: 'Gebruik één regel, zonder regelovergang.',
  one_mailbox: 'Vul precies één e-mailadres in. Zet elk adres bij een eigen contactpersoon.',
  mailbox_bare_address: 'Vul alleen het adres in, zonder naam of punthaken, bijvoorbeeld servicedesk@gemeente.nl.',
  must_be_future: 'Kies een tijd in de toekomst.',
  started_after_first_update: 'De storing kan niet later begonnen zijn dan de eerste melding erover. Kies een eerdere tijd.',
  merged_not_resolved: 'Een samengevoegd incident moet opgelost zijn.',
  merge_into_itself: 'Kies een ander incident om mee samen te voegen.',
  choose_incident: 'Kies het incident dat doorgaat.',
  must_be_after_start: 'Kies een tijd na het begin.',
  must_be_after: 'Kies een moment na het begin.',
  choose_product: 'Kies minstens één product.',
  choose_municipality: 'Kies minstens één gemeente, of kies "Alle gemeenten".',
  choose_role: 'Kies minstens één rol.',
  unknown_product: (params) => `Het product "${params.id}" bestaat niet. Kies een product uit de lijst.`,
  unknown_municipality: (params) => `De gemeente "${params.id}" bestaat niet. Kies een gemeente uit de lijst.`,
  duplicate_address: 'Dit adres staat al bij deze gemeente. Pas die contactpersoon aan in plaats van een nieuwe toe te voegen.',
  reserved_address: 'Dit adres is gereserveerd voor de afmeldlink. Haal het weg.',
  https_only: 'Alleen adressen die beginnen met https:// of mailto: zijn toegestaan.',
  no_credentials_in_url: 'Een webadres mag geen gebruikersnaam of wachtwoord bevatten.',
  status_not_allowed: 'Deze status past hier niet. Kies een andere.',
  no_next_update_for_status: 'Bij deze status hoort geen volgende update. Laat dit leeg.',
  no_products_for_maintenance: 'Bij onderhoud stelt u geen productstatus in. Laat dit leeg.',
  product_not_in_incident: (params) => `Het product "${params.id}" hoort niet bij dit incident.`,
  resolved_not_last: '"Opgelost" moet de laatste update zijn. Open een nieuw incident als de storing terugkomt.',
  events_out_of_order: (params) => `Zet de meldingen op volgorde van tijd; deze komt vóór de vorige (${params.previous} minuten).`,
  password_too_short: (params) => `Het wachtwoord moet minstens ${params.minimum} tekens lang zijn. Een zin van een paar woorden werkt goed.`,
  password_too_long: (params) => `Het wachtwoord mag hoogstens ${params.maximum} tekens lang zijn.`,
  password_common: 'Dit wachtwoord is te bekend: het staat (met cijfers of tekens erbij) op lijsten die aanvallers als eerste proberen. Kies een ander.',
  password_predictable: 'Dit wachtwoord is te voorspelbaar, zoals "123456789012" of "abcabcabcabc". Kies een ander.',
  password_personal: 'Het wachtwoord mag uw naam of e-mailadres niet bevatten. Kies een ander.',
  template_value: 'Deze waarde past niet in het sjabloon. Controleer wat u hebt ingevuld.',
  scenario_problem: (params) => `Regel in het scenario klopt niet: ${params.field}.`,
  csv_problem: (params) => `Rij ${params.row}: controleer deze rij.`,
  must_not_be_future: 'Kies een tijd die niet in de toekomst ligt.',
  duplicate_id: (params) => `"${params.id}" komt twee keer voor. Geef elk een eigen naam.`,
  name_taken: (params) => `"${params.name}" is al de naam of een andere naam van ${params.owner}. Kies een naam die maar bij één gemeente hoort.`,
  looks_like_placeholder: (params) => `Bevat "${params.found}", dat lijkt op iets dat nog ingevuld moet worden. Deze tekst wordt zo overgenomen: schrijf hem helemaal uit.`,
  unknown_group: (params) => `De groep "${params.group}" bestaat niet. Kies uit: ${list(params.options, 'of')}.`,
  localized_text_expected: 'Vul een Nederlandse tekst in (en eventueel de Engelse vertaling).',
  scope_expected: 'Kies "Alle gemeenten" of kies de gemeenten zelf.',
  not_a_variable_name: 'Dit is geen veldnaam van het sjabloon: die bestaan uit kleine letters en liggende streepjes, bijvoorbeeld "update_text".',
  scenario_needs_expectation: 'Een scenario dat niets opent, moet zeggen welke gemeenten en producten het betreft.',
  window_already_ended: 'Het onderhoudsvenster mag bij de start van de oefening nog niet voorbij zijn.',
  invalid_colour: 'Vul een kleur in als #1d4f91.',
  invalid_page_id: 'Vul 12 kleine letters of cijfers in.',
  address_taken: 'Dit e-mailadres is al in gebruik bij een andere gebruiker.',
  choose_colleague: 'Kies een collega.',
  unknown_user: 'Deze collega bestaat niet of is uitgeschakeld. Kies een andere collega.',
  cannot_lead_incident: 'Deze collega kan geen incidentmanager zijn: daarvoor is de rol opsteller of incidentmanager nodig. Kies een andere collega.',
  already_incident_manager: 'Deze collega is al de incidentmanager. Kies een andere collega.',
  product_in_timeline: (params) => `${params.id} staat al in een update van dit incident en blijft daarom bij het incident. Zet het product in een update op ‘werkt normaal’.`,
  nothing_changed: 'U heeft niets gewijzigd. Pas de titel, de impact, de producten of de gemeenten aan.',
  role_lacks_right: (params) => `Deze collega kan deze rol niet spelen: daarvoor is de rol ${params.needs === 'approver' ? 'goedkeurder' : params.needs === 'composer' ? 'opsteller' : 'beheerder'} nodig.`,
  invalid_yaml: (params) => `Dit is geen geldige YAML${Number(params.line) > 0 ? ` (regel ${params.line})` : ''}. Controleer de inspringing en de dubbele punten.`,
  id_matches_file: (params) => `Het id moet "${params.expected}" zijn: de bestandsnaam zonder .yaml.`,
  csv_unclosed_quote: 'Een cel met aanhalingstekens wordt niet afgesloten. Controleer de aanhalingstekens in deze regel.',
  csv_empty: (params) => `Het bestand is leeg. Begin met een kopregel, bijvoorbeeld "${[params.expected].flat().join(';')}".`,
  csv_unknown_column: (params) => `Onbekende kolom. Gebruik: ${list(params.expected, 'en')}.`,
  csv_duplicate_column: 'Deze kolom staat er twee keer in. Haal er één weg.',
  csv_missing_column: 'Deze verplichte kolom ontbreekt. Voeg hem toe aan de kopregel.',
  csv_too_many_cells: (params) => `Deze regel heeft ${params.cells} cellen, maar de kopregel ${params.columns} kolommen.`,
  yes_or_no: 'Vul "ja" of "nee" in.',
} satisfies Record<ProblemCode, Text>;

const problemsEn: Record<ProblemCode, Text> = {
  required: (params) => (params.options ? `Fill this in: one of ${list(params.options, 'or')}.` : params.expected ? `Fill this in (expected ${params.expected}).` : 'Fill this in.'),
  too_short: (params) => `Use at least ${params.minimum} characters.`,
  too_long: (params) => `Use at most ${params.maximum} characters${params.length !== undefined ? ` (now ${params.length})` : ''}.`,
  too_few: (params) => (Number(params.minimum) <= 1 ? 'Choose at least one.' : `Choose at least ${params.minimum}.`),
  too_many: (params) => `Choose at most ${params.maximum}.`,
  too_small: (params) => (params.above !== undefined ? `Enter a number greater than ${params.above}.` : `Enter a number of at least ${params.minimum}.`),
  too_big: (params) => (params.below !== undefined ? `Enter a number less than ${params.below}.` : `Enter a number of at most ${params.maximum}.`),
  not_whole_number: 'Enter a whole number.',
  wrong_type: (params) => (params.expected ? `Expected ${params.expected}${params.received ? `, got ${params.received}` : ''}.` : 'This does not have the expected form. Fill it in again.'),
  not_one_of: (params) => `Choose one of: ${list(params.options, 'or')}${params.received ? ` (got ${params.received})` : ''}.`,
  unknown_fields: (params) => `Unknown fields: ${list(params.keys, 'and')}. Check the spelling.`,
  invalid_email: 'Enter one valid e-mail address, for example servicedesk@gemeente.nl.',
  invalid_date_time: 'Enter a date and time with offset, for example 2026-11-27T10:30:00+01:00.',
  invalid_slug: 'Use only lower-case letters, digits and single hyphens, for example "registra-brp".',
  invalid_municipality_code: 'Enter a CBS municipality code: GM and four digits, for example GM0344.',
  invalid_url: 'Enter a full web address starting with https://.',
  invalid: 'This is not right. Check what you entered.',
  single_line: 'Use one line, without a line break.',
  one_mailbox: 'Enter exactly one e-mail address. Put each address on a contact of its own.',
  mailbox_bare_address: 'Enter only the address, without a name or angle brackets, for example servicedesk@gemeente.nl.',
  must_be_future: 'Choose a time in the future.',
  started_after_first_update: 'The outage cannot have begun later than the first notice about it. Choose an earlier time.',
  merged_not_resolved: 'A merged incident must be resolved.',
  merge_into_itself: 'Choose another incident to merge with.',
  choose_incident: 'Choose the incident that goes on.',
  must_be_after_start: 'Choose a time after the start.',
  must_be_after: (params) => `Must be later than ${params.field ?? 'the start'}.`,
  choose_product: 'Choose at least one product.',
  choose_municipality: 'Choose at least one municipality, or choose "All municipalities".',
  choose_role: 'Choose at least one role.',
  unknown_product: (params) => `The product "${params.id}" does not exist. Choose a product from the list.`,
  unknown_municipality: (params) => `The municipality "${params.id}" does not exist. Choose a municipality from the list.`,
  duplicate_address: 'This address is already listed for this municipality. Change that contact instead of adding a new one.',
  reserved_address: 'This address is reserved for the unsubscribe link. Remove it.',
  https_only: 'Only addresses starting with https:// or mailto: are allowed.',
  no_credentials_in_url: 'A web address must not contain a user name or password.',
  status_not_allowed: 'This status does not fit here. Choose another.',
  no_next_update_for_status: 'This status promises no next update. Leave this empty.',
  no_products_for_maintenance: 'Maintenance updates do not set product statuses. Leave this empty.',
  product_not_in_incident: (params) => `The product "${params.id}" is not part of this incident${params.options ? ` (${list(params.options, 'and')})` : ''}.`,
  resolved_not_last: 'A "resolved" update must be the latest update. Open a new incident if the outage returns.',
  events_out_of_order: (params) => `Put the signals in time order; this one comes before the previous one (${params.previous} minutes).`,
  password_too_short: (params) => `The password must be at least ${params.minimum} characters long. A sentence of a few words works well.`,
  password_too_long: (params) => `The password must be at most ${params.maximum} characters long.`,
  password_common: 'This password is too common: it (or it with digits or symbols around it) is on lists attackers try first. Choose another.',
  password_predictable: 'This password is too predictable, such as "123456789012" or "abcabcabcabc". Choose another.',
  password_personal: 'The password must not contain your name or e-mail address. Choose another.',
  template_value: 'This value does not fit the template. Check what you entered.',
  scenario_problem: (params) => `A line in the scenario is not right: ${params.field}.`,
  csv_problem: (params) => `Row ${params.row}: check this row.`,
  must_not_be_future: 'Choose a time that is not in the future.',
  duplicate_id: (params) => `"${params.id}" appears twice. Give each its own id.`,
  name_taken: (params) => `"${params.name}" is already the name or another name of ${params.owner}. Choose a name that belongs to one municipality only.`,
  looks_like_placeholder: (params) => `Contains "${params.found}", which looks like a placeholder. This text is passed on as it is: write it out in full.`,
  unknown_group: (params) => `The group "${params.group}" does not exist. Choose from: ${list(params.options, 'or')}.`,
  localized_text_expected: (params) => `Expected a Dutch text, or { nl: "…", en: "…" } with the English translation${params.received ? `; got ${params.received}` : ''}.`,
  scope_expected: (params) => `Expected "all" or { municipalities: [GM0344, …] }${params.received ? `; got ${params.received}` : ''}.`,
  not_a_variable_name: 'This is not a field name of the template: those are lower-case words joined by underscores, for example "update_text".',
  scenario_needs_expectation: 'A scenario that opens nothing must give expected_scope and expected_products.',
  window_already_ended: 'The maintenance window must not have ended when the drill starts.',
  invalid_colour: 'Enter a colour like #1d4f91.',
  invalid_page_id: 'Enter 12 lower-case letters or digits.',
  address_taken: 'This e-mail address is already used by another user.',
  choose_colleague: 'Choose a colleague.',
  unknown_user: 'This colleague does not exist or is disabled. Choose another colleague.',
  cannot_lead_incident: 'This colleague cannot be the incident manager: that needs the composer or incident manager role. Choose another colleague.',
  already_incident_manager: 'This colleague already is the incident manager. Choose another colleague.',
  product_in_timeline: (params) => `${params.id} is named in an update of this incident, so it stays with the incident. Set the product to ‘operational’ in an update instead.`,
  nothing_changed: 'You changed nothing. Change the title, the impact, the products or the municipalities.',
  role_lacks_right: (params) => `This colleague cannot play this role: it needs the ${params.needs} role.`,
  invalid_yaml: (params) => `This is not valid YAML${Number(params.line) > 0 ? ` (line ${params.line})` : ''}. Check the indentation and the colons.`,
  id_matches_file: (params) => `The id must be "${params.expected}": the file name without .yaml.`,
  csv_unclosed_quote: 'A quoted cell is not closed. Check the quotes on this line.',
  csv_empty: (params) => `The file is empty. Start with a header row such as "${[params.expected].flat().join(';')}".`,
  csv_unknown_column: (params) => `Unknown column. Use: ${list(params.expected, 'and')}.`,
  csv_duplicate_column: 'This column appears twice. Remove one.',
  csv_missing_column: 'This required column is missing. Add it to the header row.',
  csv_too_many_cells: (params) => `This line has ${params.cells} cells but the header has ${params.columns} columns.`,
  yes_or_no: 'Enter "ja" (yes) or "nee" (no).',
};

const refusals: Record<Language, Record<RefusalCode, Text>> = { nl: refusalsNl, en: refusalsEn };
const problems: Record<Language, Record<ProblemCode, Text>> = { nl: problemsNl, en: problemsEn };

function render(text: Text, params: ProblemParams): string {
  return typeof text === 'function' ? text(params) : text;
}

/** What a person reads for a refusal. */
export function refusalText(refusal: Pick<Refusal, 'code' | 'params'>, lang: Language): string {
  return render(refusals[lang][refusal.code], refusal.params);
}

/** What a person reads for one field's problem. */
export function problemText(problem: Pick<Problem, 'code' | 'params'>, lang: Language): string {
  return render(problems[lang][problem.code], problem.params ?? {});
}

/** Field names a stored refusal can mention, in the words of the screens. */
const STORED_FIELD_NAMES: Record<Language, Record<string, string>> = {
  nl: { next_update_at: 'Volgende update', status: 'Status', components: 'Producten', body: 'Tekst' },
  en: { next_update_at: 'Next update', status: 'Status', components: 'Products', body: 'Text' },
};

/**
 * What a person reads for an error kept as text (a message's publication error): a stored refusal
 * in their language, or null for a technical error the screen shows as it is.
 */
export function storedErrorText(text: string, lang: Language): string | null {
  const refusal = readStoredRefusal(text);
  if (!refusal) return null;
  if (refusal.problems.length === 0) return refusalText(refusal, lang);
  return refusal.problems
    .map((problem) => {
      const name = STORED_FIELD_NAMES[lang][problem.field.split('.')[0] ?? ''];
      return `${name ? `${name}: ` : ''}${problemText(problem, lang)}`;
    })
    .join(' ');
}
