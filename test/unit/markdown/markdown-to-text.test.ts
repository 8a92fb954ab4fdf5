import { describe, expect, it } from 'vitest';
import { markdownToText } from '../../../src/markdown/markdown-to-text.ts';

describe('Markdown typed by staff, as the plain-text part of a mail', () => {
  it('drops emphasis marks and escapes', () => {
    expect(markdownToText('Gebruik het **papieren noodformulier** en klik op *Verzenden*.')).toBe('Gebruik het papieren noodformulier en klik op Verzenden.');
    expect(markdownToText('Typ \\*geen\\* sterretjes en `BSN` zoals het staat.')).toBe('Typ *geen* sterretjes en BSN zoals het staat.');
  });

  it('keeps lists as lines a person can follow, nested ones indented, wrapped lines hanging', () => {
    const source = [
      '- Neem aanvragen op met het papieren noodformulier',
      '  en verwerk ze later.',
      '- Inwoners met een afspraak:',
      '  - voor een verhuizing',
      '  - voor een *uittreksel*',
      '',
      '1. Eerst dit',
      '2. Dan dat',
    ].join('\n');
    expect(markdownToText(source)).toBe(
      [
        '- Neem aanvragen op met het papieren noodformulier',
        '  en verwerk ze later.',
        '- Inwoners met een afspraak:',
        '  - voor een verhuizing',
        '  - voor een uittreksel',
        '',
        '1. Eerst dit',
        '2. Dan dat',
      ].join('\n'),
    );
  });

  it('writes links as "text (url)", a bare address once, and an unsafe link as the text typed', () => {
    expect(markdownToText('Lees [de handleiding](https://klantportaal.voorbeeldsoftware.nl/hulp).')).toBe('Lees de handleiding (https://klantportaal.voorbeeldsoftware.nl/hulp).');
    expect(markdownToText('Zie <https://status.voorbeeldsoftware.nl/>.')).toBe('Zie https://status.voorbeeldsoftware.nl/.');
    expect(markdownToText('Mail <servicedesk@voorbeeldsoftware.nl>.')).toBe('Mail servicedesk@voorbeeldsoftware.nl.');
    expect(markdownToText('[klik](javascript:alert(1))')).toBe('[klik](javascript:alert(1))');
  });

  it('separates paragraphs, headings and quotes by one blank line and leaves raw HTML as text', () => {
    expect(markdownToText('# Wat merkt u?\n\nInloggen lukt niet.\nOok niet opnieuw.\n\n> Melding van **Utrecht**\n\n<b>vet</b>')).toBe(
      'Wat merkt u?\n\nInloggen lukt niet.\nOok niet opnieuw.\n\n> Melding van Utrecht\n\n<b>vet</b>',
    );
  });

  it('describes an image instead of showing its syntax', () => {
    expect(markdownToText('![Grafiek van de wachttijd](https://voorbeeldsoftware.nl/grafiek.png)')).toBe('Grafiek van de wachttijd (https://voorbeeldsoftware.nl/grafiek.png)');
  });
});
