import type { DrillFinding } from '../domain/drill-report.ts';
import type { Language, LocalizedText } from '../domain/index.ts';

/** What a finding's sentence needs from the screen: names for municipality codes, Amsterdam times, texts in the reader's language. */
export interface FindingWords {
  names: (ids: readonly string[]) => string;
  at: (instant: Date) => string;
  reason: (text: LocalizedText) => string;
}

/** "12 min 5 s", "3 min", "45 s"; hours (with the language's unit) once over an hour. */
function drillDuration(totalSeconds: number, hourUnit: string): string {
  const sign = totalSeconds < 0 ? '−' : '';
  let rest = Math.abs(Math.round(totalSeconds));
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const secs = rest - minutes * 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} ${hourUnit}`);
  if (minutes > 0) parts.push(`${minutes} min`);
  if (secs > 0 || parts.length === 0) parts.push(`${secs} s`);
  return sign + parts.join(' ');
}

/** Every word of the drill screens, Dutch first (English typed against it); the domain supplies role, step and finding labels. */
const nl = {
  roleLabels: {
    incident_manager: 'Incidentmanager',
    composer: 'Opsteller',
    approver: 'Goedkeurder',
  },
  timeline: {
    drill_started: 'Oefening gestart',
    role_assigned: 'Rol toegewezen',
    scenario_event: 'Melding ingebracht',
    observation: 'Waarneming',
    incident_opened: 'Incident geopend',
    incident_updated: 'Incident bijgewerkt',
    incident_resolved: 'Incident opgelost',
    checklist_step_done: 'Stap van de storingsprocedure afgevinkt',
    checklist_step_undone: 'Vinkje bij stap weggehaald',
    maintenance_scheduled: 'Onderhoud aangemaakt',
    maintenance_updated: 'Onderhoud bijgewerkt',
    maintenance_completed: 'Onderhoud afgerond',
    message_drafted: 'Eerste concept',
    message_edited: 'Concept bewerkt',
    message_submitted: 'Ter goedkeuring aangeboden',
    message_returned: 'Terug naar concept',
    message_rejected: 'Afgewezen',
    approval_voided: 'Goedkeuring vervallen',
    message_approved: 'Goedgekeurd',
    message_sent: '"Verstuurd" (vastgelegd, niet bezorgd)',
    message_published: 'Op voorbeeldpagina gezet',
    publication_failed: 'Publiceren mislukt',
    message_cancelled: 'Bericht geannuleerd',
    delivery_failed: 'Bezorging mislukt',
    notes_saved: 'Evaluatie bijgewerkt',
    drill_ended: 'Oefening beëindigd',
  },
  /** "12 min 5 s", "3 min", "45 s"; hours once over an hour. */
  duration: (totalSeconds: number) => drillDuration(totalSeconds, 'u'),
  /** One sentence per finding. */
  finding: (finding: DrillFinding, words: FindingWords): string => {
    const over = finding.overBySeconds === undefined ? '' : drillDuration(finding.overBySeconds, 'u');
    const places = finding.municipalities ? words.names(finding.municipalities) : '';
    switch (finding.kind) {
      case 'role_missing':
        return `Niemand had de rol ${nl.roleLabels[finding.role!].toLowerCase()}.`;
      case 'no_communication':
        return 'Er is geen enkel bericht "verstuurd".';
      case 'first_message_late':
        return `Het eerste bericht ging ${over} later dan het doel de deur uit.`;
      case 'approval_slow':
        return `Goedkeuren duurde ${over} langer dan het doel.`;
      case 'rejection': {
        const reason = finding.reason ? words.reason(finding.reason) : '';
        return `Afgewezen door ${finding.actor ?? 'onbekend'}${reason ? `: "${reason}"` : ''}.`;
      }
      case 'approval_voided':
        return 'De goedkeuring verviel omdat het bericht na het aanbieden veranderde.';
      case 'no_next_update_promised':
        return 'Het bericht beloofde geen tijd voor de volgende update.';
      case 'promise_beyond_target':
        return `De volgende update werd ${over} later beloofd dan het doel toestaat.`;
      case 'update_overdue':
        return `De beloofde update${finding.at ? ` van ${words.at(finding.at)}` : ''} kwam ${over} te laat.`;
      case 'update_interval_exceeded':
        return `Tussen twee updates zat ${over} meer dan het doel.`;
      case 'scope_too_few':
        return `Te weinig gemeenten: dit bericht ging niet naar ${places}.`;
      case 'scope_too_many':
        return `Te veel gemeenten: dit bericht ging ook naar ${places}, buiten de getroffen gemeenten.`;
      case 'no_contacts':
        return `Geen actieve contactpersoon bij ${places}: zij krijgen geen e-mail.`;
      case 'resolution_late':
        return `Oplossen duurde ${over} langer dan het doel.`;
      case 'not_resolved':
        return 'De oefening eindigde zonder dat het incident werd opgelost.';
    }
  },
  title: 'Oefeningen',
  intro: 'Oefen de storingsprocedure van begin tot eind. Niets wordt echt verstuurd of gepubliceerd: berichten worden vastgelegd, de statuspagina is alleen hier als voorbeeld te zien.',
  banner: 'OEFENING / DRILL',
  dashboardAlerts: 'Oefening: waarschuwingen uit meldingen',
  start: {
    heading: 'Oefening starten',
    scenario: 'Scenario',
    scenarioHint: 'Het scenario opent het incident (gemarkeerd als oefening) en bevat de meldingen die u tijdens de oefening inbrengt.',
    roles: 'Rollen',
    rolesHint: 'Wie speelt welke rol? U kunt rollen ook later toewijzen.',
    nobody: '— nog niemand —',
    submit: 'Oefening starten',
    running: (id: number) => `Oefening ${id} loopt nog. Beëindig die eerst.`,
    custom: 'Eigen scenario schrijven',
    shipped: 'meegeleverd',
    own: 'eigen',
    speed: 'Tempo van de meldingen',
    speedHint: 'Voor scenario\'s waarin meldingen vanzelf binnenkomen, zoals bij een echte storing. In echte tijd komt een melding van „na 2 minuten” ook echt na 2 minuten.',
    speeds: { 1: 'Echte tijd', 2: '2 keer zo snel', 5: '5 keer zo snel', 10: '10 keer zo snel' } as Record<1 | 2 | 5 | 10, string>,
  },
  list: {
    heading: 'Eerdere oefeningen',
    none: 'Er is nog niet geoefend.',
    caption: 'Oefeningen met hun belangrijkste cijfers, nieuwste eerst',
    columns: { drill: 'Oefening', started: 'Gestart', firstMessage: 'Eerste bericht na', approval: 'Langste goedkeuring', findings: 'Bevindingen', targets: 'Doelen gehaald', trend: 'Ten opzichte van vorige' },
    running: 'loopt',
    better: 'beter',
    worse: 'slechter',
    same: 'gelijk',
    none_: '–',
    targetsMet: (met: number, measured: number) => `${met} van ${measured}`,
  },
  detail: {
    heading: (id: number) => `Oefening ${id}`,
    running: 'Loopt',
    ended: 'Beëindigd',
    startedAt: 'Gestart',
    endedAt: 'Beëindigd',
    startedBy: 'Oefenleider',
    briefing: 'Scenario (voor de oefenleider)',
    subjects: 'Incidenten en onderhoud van deze oefening',
    openSubject: 'Openen',
    roles: 'Rollen',
    assign: 'Toewijzen',
    events: 'Meldingen uit het scenario',
    eventsHint: 'Breng elke melding in wanneer het tijd is. De tijdlijn legt vast wanneer ze echt kwam.',
    planned: 'gepland',
    injectedAt: 'ingebracht',
    due: 'nu aan de beurt',
    inject: 'Inbrengen',
    observation: 'Waarneming vastleggen',
    observationHint: 'Iets wat buiten Helder gebeurde, bijvoorbeeld een telefoontje of besluit.',
    record: 'Vastleggen',
    timeline: 'Tijdlijn',
    noTimeline: 'Nog geen stappen.',
    messages: 'Berichten ("verstuurd" = vastgelegd, niet bezorgd)',
    noMessages: 'Nog geen berichten.',
    captured: (count: number) => `${count} vastgelegd${count === 1 ? ' bericht' : 'e berichten'}, één per ontvanger`,
    recipient: 'Ontvanger',
    subject: 'Onderwerp',
    capturedAt: 'Vastgelegd',
    download: 'Download .eml',
    showText: 'Tekst tonen',
    openMessage: 'Bericht openen',
    end: 'Oefening beëindigen',
    endHint: 'Daarna is de oefening alleen nog te evalueren.',
    endConfirmTitle: 'Oefening beëindigen?',
    endConfirmText: 'Daarna kunt u niets meer aan deze oefening toevoegen: geen berichten, meldingen of waarnemingen. U kunt de oefening alleen nog evalueren.',
    endConfirm: 'Ja, oefening beëindigen',
    endCancel: 'Nee, doorgaan met de oefening',
    report: 'Rapport (afdrukbaar)',
    json: 'Rapport als JSON',
    preview: 'Voorbeeld van de statuspagina',
    notes: 'Evaluatie',
    notesHint: 'Wat ging goed, waar liep de procedure vast, wat veranderen we?',
    saveNotes: 'Evaluatie opslaan',
    signals: 'Binnengekomen meldingen',
    signalsHint: 'Meldingen uit het scenario komen vanzelf binnen, net als bij een echte storing. Ze tellen alleen mee voor waarschuwingen van deze oefening.',
    noSignals: 'Nog geen meldingen binnengekomen.',
    alerts: 'Waarschuwingen van deze oefening',
  },
  report: {
    heading: (title: string) => `Rapport oefening: ${title}`,
    measures: 'Tijden tegen de doelen',
    measure: 'Meting',
    value: 'Gemeten',
    target: 'Doel',
    verdict: 'Oordeel',
    firstCommunication: 'Tijd tot eerste bericht',
    approval: 'Langste tijd in goedkeuring',
    averageApproval: 'Gemiddelde tijd in goedkeuring',
    interval: (index: number) => `Update-interval ${index}`,
    resolution: 'Tijd tot oplossing',
    met: 'gehaald',
    missed: 'niet gehaald',
    open: 'nog niet te beoordelen',
    notMeasured: 'niet gemeten',
    promised: 'beloofd om',
    findings: 'Wat ging er mis',
    noFindings: 'Geen bevindingen: alles binnen de doelen.',
    timeline: 'Tijdlijn',
    time: 'Tijd',
    step: 'Stap',
    who: 'Wie',
    note: 'Toelichting',
    roles: 'Rollen',
    notes: 'Evaluatie van het team',
    noNotes: 'Nog geen evaluatie geschreven.',
    incomplete: 'De oefening loopt nog: de cijfers kunnen veranderen.',
    print: 'Gebruik Afdrukken in uw browser voor een papieren versie.',
    back: 'Terug naar de oefening',
    signalResponse: 'Van eerste melding tot actie',
    signalResponseHint: (at: string) => `De eerste melding van een klant kwam binnen om ${at}. Zo lang duurde het daarna tot:`,
    toAlert: 'Waarschuwing mogelijke storing',
    toIncident: 'Incident geopend',
    toApproval: 'Eerste bericht goedgekeurd',
    after: 'Na eerste melding',
    atTime: 'Om',
    notYet: 'nog niet',
  },
  preview: {
    heading: 'Zo had de statuspagina eruitgezien',
    hint: 'Alleen zichtbaar in het beheer. Niets hiervan staat op de echte statuspagina, in feeds of in de API.',
    at: 'Stand van',
    drillItem: 'oefening',
  },
  scenario: {
    heading: 'Eigen scenario',
    hint: 'Schrijf het scenario in YAML, zoals de meegeleverde scenario\'s. Het begin is een kopie van een meegeleverd scenario: geef het een eigen id.',
    field: 'Scenario (YAML)',
    save: 'Scenario opslaan',
    line: (line: number) => `Regel ${line}`,
  },
  done: { started: 'De oefening is gestart.', injected: 'De melding is ingebracht.', recorded: 'De waarneming is vastgelegd.', assigned: 'De rol is toegewezen.', ended: 'De oefening is beëindigd.', notes: 'De evaluatie is opgeslagen.', scenario: 'Het scenario is opgeslagen.' },
};

export type DrillTexts = typeof nl;

const en: DrillTexts = {
  roleLabels: {
    incident_manager: 'Incident manager',
    composer: 'Composer',
    approver: 'Approver',
  },
  timeline: {
    drill_started: 'Drill started',
    role_assigned: 'Role assigned',
    scenario_event: 'Signal injected',
    observation: 'Observation',
    incident_opened: 'Incident opened',
    incident_updated: 'Incident updated',
    incident_resolved: 'Incident resolved',
    checklist_step_done: 'Procedure step ticked off',
    checklist_step_undone: 'Tick removed from a step',
    maintenance_scheduled: 'Maintenance scheduled',
    maintenance_updated: 'Maintenance updated',
    maintenance_completed: 'Maintenance completed',
    message_drafted: 'First draft',
    message_edited: 'Draft edited',
    message_submitted: 'Submitted for approval',
    message_returned: 'Returned to draft',
    message_rejected: 'Rejected',
    approval_voided: 'Approval voided',
    message_approved: 'Approved',
    message_sent: '"Sent" (captured, not delivered)',
    message_published: 'Put on the preview page',
    publication_failed: 'Publication failed',
    message_cancelled: 'Message cancelled',
    delivery_failed: 'Delivery failed',
    notes_saved: 'Evaluation updated',
    drill_ended: 'Drill ended',
  },
  duration: (totalSeconds: number) => drillDuration(totalSeconds, 'h'),
  finding: (finding: DrillFinding, words: FindingWords): string => {
    const over = finding.overBySeconds === undefined ? '' : drillDuration(finding.overBySeconds, 'h');
    const places = finding.municipalities ? words.names(finding.municipalities) : '';
    switch (finding.kind) {
      case 'role_missing':
        return `Nobody had the role of ${en.roleLabels[finding.role!].toLowerCase()}.`;
      case 'no_communication':
        return 'No message was "sent" at all.';
      case 'first_message_late':
        return `The first message went out ${over} later than the target.`;
      case 'approval_slow':
        return `Approval took ${over} longer than the target.`;
      case 'rejection': {
        const reason = finding.reason ? words.reason(finding.reason) : '';
        return `Rejected by ${finding.actor ?? 'unknown'}${reason ? `: "${reason}"` : ''}.`;
      }
      case 'approval_voided':
        return 'The approval was voided because the message changed after it was submitted.';
      case 'no_next_update_promised':
        return 'The message promised no time for the next update.';
      case 'promise_beyond_target':
        return `The next update was promised ${over} later than the target allows.`;
      case 'update_overdue':
        return `The update promised${finding.at ? ` for ${words.at(finding.at)}` : ''} was ${over} late.`;
      case 'update_interval_exceeded':
        return `Two updates were ${over} further apart than the target.`;
      case 'scope_too_few':
        return `Too few municipalities: this message did not go to ${places}.`;
      case 'scope_too_many':
        return `Too many municipalities: this message also went to ${places}, outside the affected ones.`;
      case 'no_contacts':
        return `No active contact at ${places}: they receive no e-mail.`;
      case 'resolution_late':
        return `Resolution took ${over} longer than the target.`;
      case 'not_resolved':
        return 'The drill ended without the incident being resolved.';
    }
  },
  title: 'Drills',
  intro: 'Practise the outage procedure end to end. Nothing is really sent or published: messages are captured, and the status page can only be previewed here.',
  banner: 'OEFENING / DRILL',
  dashboardAlerts: 'Drill: alerts from signals',
  start: {
    heading: 'Start a drill',
    scenario: 'Scenario',
    scenarioHint: 'The scenario opens the incident (marked as a drill) and holds the signals you bring in during the drill.',
    roles: 'Roles',
    rolesHint: 'Who plays which role? You can also assign roles later.',
    nobody: '— nobody yet —',
    submit: 'Start drill',
    running: (id: number) => `Drill ${id} is still running. End it first.`,
    custom: 'Write your own scenario',
    shipped: 'shipped',
    own: 'own',
    speed: 'Pace of the signals',
    speedHint: 'For scenarios in which signals arrive by themselves, as in a real outage. In real time a signal "after 2 minutes" really comes after 2 minutes.',
    speeds: { 1: 'Real time', 2: 'Twice as fast', 5: '5 times as fast', 10: '10 times as fast' },
  },
  list: {
    heading: 'Past drills',
    none: 'No drills yet.',
    caption: 'Drills with their key figures, newest first',
    columns: { drill: 'Drill', started: 'Started', firstMessage: 'First message after', approval: 'Longest approval', findings: 'Findings', targets: 'Targets met', trend: 'Compared with previous' },
    running: 'running',
    better: 'better',
    worse: 'worse',
    same: 'same',
    none_: '–',
    targetsMet: (met: number, measured: number) => `${met} of ${measured}`,
  },
  detail: {
    heading: (id: number) => `Drill ${id}`,
    running: 'Running',
    ended: 'Ended',
    startedAt: 'Started',
    endedAt: 'Ended',
    startedBy: 'Drill leader',
    briefing: 'Scenario (for the drill leader)',
    subjects: 'Incidents and maintenance of this drill',
    openSubject: 'Open',
    roles: 'Roles',
    assign: 'Assign',
    events: 'Signals from the scenario',
    eventsHint: 'Bring in each signal when its time comes. The timeline records when it really came.',
    planned: 'planned',
    injectedAt: 'injected',
    due: 'due now',
    inject: 'Inject',
    observation: 'Record an observation',
    observationHint: 'Something that happened outside Helder, e.g. a phone call or a decision.',
    record: 'Record',
    timeline: 'Timeline',
    noTimeline: 'No steps yet.',
    messages: 'Messages ("sent" = captured, not delivered)',
    noMessages: 'No messages yet.',
    captured: (count: number) => `${count} captured message${count === 1 ? '' : 's'}, one per recipient`,
    recipient: 'Recipient',
    subject: 'Subject',
    capturedAt: 'Captured',
    download: 'Download .eml',
    showText: 'Show text',
    openMessage: 'Open message',
    end: 'End drill',
    endHint: 'After that the drill can only be evaluated.',
    endConfirmTitle: 'End the drill?',
    endConfirmText: 'After that you cannot add anything to this drill: no messages, signals or observations. You can only evaluate it.',
    endConfirm: 'Yes, end the drill',
    endCancel: 'No, continue the drill',
    report: 'Report (printable)',
    json: 'Report as JSON',
    preview: 'Status page preview',
    notes: 'Evaluation',
    notesHint: 'What went well, where did the procedure break, what do we change?',
    saveNotes: 'Save evaluation',
    signals: 'Signals received',
    signalsHint: 'Signals from the scenario arrive by themselves, as in a real outage. They only count towards alerts of this drill.',
    noSignals: 'No signals received yet.',
    alerts: 'Alerts of this drill',
  },
  report: {
    heading: (title: string) => `Drill report: ${title}`,
    measures: 'Times against the targets',
    measure: 'Measure',
    value: 'Measured',
    target: 'Target',
    verdict: 'Verdict',
    firstCommunication: 'Time to first message',
    approval: 'Longest time in approval',
    averageApproval: 'Average time in approval',
    interval: (index: number) => `Update interval ${index}`,
    resolution: 'Time to resolution',
    met: 'met',
    missed: 'missed',
    open: 'not yet decided',
    notMeasured: 'not measured',
    promised: 'promised for',
    findings: 'What went wrong',
    noFindings: 'No findings: everything within the targets.',
    timeline: 'Timeline',
    time: 'Time',
    step: 'Step',
    who: 'Who',
    note: 'Note',
    roles: 'Roles',
    notes: "The team's evaluation",
    noNotes: 'No evaluation written yet.',
    incomplete: 'The drill is still running: the figures may change.',
    print: 'Use Print in your browser for a paper copy.',
    back: 'Back to the drill',
    signalResponse: 'From the first signal to action',
    signalResponseHint: (at: string) => `The first customer signal came in at ${at}. This is how long it took from then until:`,
    toAlert: 'Possible outage alert',
    toIncident: 'Incident opened',
    toApproval: 'First message approved',
    after: 'After first signal',
    atTime: 'At',
    notYet: 'not yet',
  },
  preview: {
    heading: 'How the status page would have looked',
    hint: 'Only visible in the admin. None of this is on the real status page, in feeds or in the API.',
    at: 'As of',
    drillItem: 'drill',
  },
  scenario: {
    heading: 'Own scenario',
    hint: 'Write the scenario in YAML, like the shipped scenarios. It starts as a copy of a shipped scenario: give it an id of its own.',
    field: 'Scenario (YAML)',
    save: 'Save scenario',
    line: (line: number) => `Line ${line}`,
  },
  done: { started: 'The drill has started.', injected: 'The signal was injected.', recorded: 'The observation was recorded.', assigned: 'The role was assigned.', ended: 'The drill has ended.', notes: 'The evaluation was saved.', scenario: 'The scenario was saved.' },
};

export function drillMessages(lang: Language): DrillTexts {
  return lang === 'en' ? en : nl;
}
