/**
 * The words of the storingsprocedure on an incident (issue 11, item 2): the checklist, the actions
 * and the internal notes of the war-room log. Dutch first, English typed against it.
 */
const nl = {
  link: 'Checklist en logboek',
  overdueCount: (count: number) => (count === 1 ? '1 stap of actie is te laat' : `${count} stappen of acties zijn te laat`),
  title: (title: string) => `Checklist en logboek: ${title}`,
  intro: 'De stappen uit de storingsprocedure voor deze impact, de acties en de interne notities. Alleen zichtbaar in de beheeromgeving: niets hiervan komt op de statuspagina of in een bericht.',
  back: 'Terug naar het incident',
  checklist: {
    heading: 'Checklist storingsprocedure',
    none: 'Dit incident heeft geen checklist. De storingsprocedure heeft geen stappen voor deze impact, of het bestand met de procedure was niet in orde toen het incident werd geopend.',
    due: (at: string) => `Uiterlijk ${at}`,
    noDue: 'Geen vaste tijd',
    overdue: 'Te laat',
    done: (by: string, at: string) => `Gedaan door ${by} op ${at}`,
    notDone: 'Nog niet gedaan',
    owner: (name: string) => `Eigenaar: ${name}`,
    tick: 'Afvinken',
    untick: 'Toch niet gedaan',
    ownerLabel: (step: string) => `Eigenaar van “${step}”`,
    nobody: 'Niemand in het bijzonder',
    setOwner: 'Eigenaar opslaan',
  },
  actions: {
    heading: 'Acties',
    none: 'Nog geen acties.',
    add: 'Actie toevoegen',
    text: 'Wat moet er gebeuren?',
    owner: 'Wie doet het?',
    due: 'Klaar voor',
    dueHint: 'Optioneel. Datum en tijd in Nederlandse tijd.',
    by: (name: string, at: string) => `Toegevoegd door ${name} op ${at}`,
    tick: 'Klaar',
    untick: 'Toch niet klaar',
  },
  notes: {
    heading: 'Interne notities',
    hint: 'Voor wat u vindt, afspreekt of besluit, zoals het besluit over een warroom. Alleen voor collega’s; nooit openbaar.',
    none: 'Nog geen notities.',
    text: 'Notitie',
    add: 'Notitie toevoegen',
    by: (name: string, at: string) => `${name}, ${at}`,
  },
  done: {
    step_done: 'De stap is afgevinkt.',
    step_undone: 'De stap staat weer open.',
    owner_set: 'De eigenaar is opgeslagen.',
    action_added: 'De actie is toegevoegd.',
    action_done: 'De actie is klaar.',
    action_undone: 'De actie staat weer open.',
    note_added: 'De notitie is toegevoegd.',
  },
  system: 'Helder',
  report: {
    heading: 'Checklist: te laat of niet gedaan',
    none: 'Alle stappen zijn gedaan, en op tijd.',
    intro: 'Stappen uit de storingsprocedure van de incidenten in deze oefening die te laat of niet zijn gedaan.',
    late: (step: string, due: string, done: string) => `${step}: te laat gedaan (uiterlijk ${due}, gedaan ${done})`,
    notDone: (step: string) => `${step}: niet gedaan`,
  },
};

export type ProcedureTexts = typeof nl;

const en: ProcedureTexts = {
  link: 'Checklist and log',
  overdueCount: (count: number) => (count === 1 ? '1 step or action is overdue' : `${count} steps or actions are overdue`),
  title: (title: string) => `Checklist and log: ${title}`,
  intro: 'The steps of the outage procedure for this impact, the actions and the internal notes. Only visible in the admin: none of it reaches the status page or a message.',
  back: 'Back to the incident',
  checklist: {
    heading: 'Outage procedure checklist',
    none: 'This incident has no checklist. The outage procedure has no steps for this impact, or the procedure file was not in order when the incident was opened.',
    due: (at: string) => `Due ${at}`,
    noDue: 'No fixed time',
    overdue: 'Overdue',
    done: (by: string, at: string) => `Done by ${by} on ${at}`,
    notDone: 'Not done yet',
    owner: (name: string) => `Owner: ${name}`,
    tick: 'Tick off',
    untick: 'Not done after all',
    ownerLabel: (step: string) => `Owner of “${step}”`,
    nobody: 'Nobody in particular',
    setOwner: 'Save owner',
  },
  actions: {
    heading: 'Actions',
    none: 'No actions yet.',
    add: 'Add action',
    text: 'What needs to happen?',
    owner: 'Who does it?',
    due: 'Done by',
    dueHint: 'Optional. Date and time in Dutch time.',
    by: (name: string, at: string) => `Added by ${name} on ${at}`,
    tick: 'Done',
    untick: 'Not done after all',
  },
  notes: {
    heading: 'Internal notes',
    hint: 'For what you find, agree or decide, such as the decision on a war room. For colleagues only; never public.',
    none: 'No notes yet.',
    text: 'Note',
    add: 'Add note',
    by: (name: string, at: string) => `${name}, ${at}`,
  },
  done: {
    step_done: 'The step is ticked off.',
    step_undone: 'The step is open again.',
    owner_set: 'The owner is saved.',
    action_added: 'The action is added.',
    action_done: 'The action is done.',
    action_undone: 'The action is open again.',
    note_added: 'The note is added.',
  },
  system: 'Helder',
  report: {
    heading: 'Checklist: late or not done',
    none: 'Every step was done, and on time.',
    intro: 'Steps of the outage procedure of the incidents in this drill that were done late or not at all.',
    late: (step: string, due: string, done: string) => `${step}: done late (due ${due}, done ${done})`,
    notDone: (step: string) => `${step}: not done`,
  },
};

export function procedureMessages(lang: 'nl' | 'en'): ProcedureTexts {
  return lang === 'en' ? en : nl;
}
