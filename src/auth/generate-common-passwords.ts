/**
 * Generates common-passwords.txt: the words and keyboard/digit runs that lead breach corpora,
 * with Dutch ones added. Lower-case; the policy lower-cases and un-leets before looking up, so
 * "W3lkom123456" is caught by "welkom". Run: `npx node src/auth/generate-common-passwords.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WORDS_EN = [
  'password', 'passwords', 'iloveyou', 'qwerty', 'qwertyuiop', 'letmein', 'welcome', 'admin', 'administrator',
  'monkey', 'dragon', 'football', 'baseball', 'soccer', 'sunshine', 'princess', 'master', 'shadow', 'superman',
  'batman', 'trustno1', 'starwars', 'whatever', 'computer', 'changeme', 'secret', 'default', 'login', 'access',
  'freedom', 'hello', 'helloworld', 'passphrase', 'abc123', 'summer', 'winter', 'spring', 'autumn', 'michael',
  'jennifer', 'charlie', 'jordan', 'hunter', 'ranger', 'buster', 'thomas', 'robert', 'daniel', 'jessica',
  'pokemon', 'minecraft', 'internet', 'security', 'support', 'service', 'manager', 'company', 'office',
  'newpassword', 'mypassword', 'temppassword', 'password1', 'welcome1', 'letmein1', 'test', 'testing', 'guest',
  'user', 'root', 'server', 'system', 'network', 'database', 'status', 'statuspage', 'outage', 'incident',
];

const WORDS_NL = [
  'wachtwoord', 'wachtwoorden', 'nieuwwachtwoord', 'mijnwachtwoord', 'welkom', 'welkomwelkom', 'geheim', 'hallo',
  'hallohallo', 'voetbal', 'ajax', 'ajaxamsterdam', 'feyenoord', 'feyenoordrotterdam', 'psv', 'psveindhoven',
  'fctwente', 'azalkmaar', 'nederland', 'holland', 'amsterdam', 'rotterdam', 'utrecht', 'denhaag', 'eindhoven',
  'groningen', 'tilburg', 'almere', 'breda', 'nijmegen', 'haarlem', 'arnhem', 'zwolle', 'leiden', 'maastricht',
  'gemeente', 'gemeentehuis', 'burgerzaken', 'servicedesk', 'helpdesk', 'storing', 'storingen', 'helder',
  'zomer', 'winter', 'lente', 'herfst', 'voorjaar', 'najaar', 'januari', 'februari', 'maart', 'april', 'mei',
  'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december', 'maandag', 'dinsdag', 'woensdag',
  'donderdag', 'vrijdag', 'zaterdag', 'zondag', 'schatje', 'liefje', 'ikhouvanjou', 'prinses', 'konijn',
  'sinterklaas', 'kerstmis', 'oranje', 'koningsdag', 'fiets', 'kaas', 'tulp', 'tulpen', 'molen', 'lekker',
  'test', 'testtest', 'testen', 'gebruiker', 'beheerder', 'opsteller', 'goedkeurder', 'inloggen', 'toegang',
  'zonnetje', 'hond', 'poes', 'mama', 'papa', 'oma', 'opa', 'snoepje', 'vakantie', 'werk', 'kantoor',
  'wachtwoordje', 'welkom01', 'beginnen', 'starten', 'veilig', 'veiligheid', 'geheimpje',
];

const FIRST_NAMES = [
  'daan', 'sem', 'lucas', 'levi', 'finn', 'luuk', 'milan', 'bram', 'jesse', 'jan', 'piet', 'klaas', 'kees',
  'willem', 'henk', 'gerrit', 'johan', 'pieter', 'hendrik', 'emma', 'julia', 'sophie', 'tess', 'sanne', 'lisa',
  'anna', 'eva', 'fleur', 'lotte', 'anouk', 'femke', 'marieke', 'ingrid', 'linda', 'monique', 'patrick',
  'mohamed', 'fatima', 'noah', 'saar', 'nora', 'mila', 'yara', 'thijs', 'ruben', 'martijn', 'mark',
];

const KEYBOARD_AND_DIGITS = [
  'qwertyuiop', 'qwertyuiopasdfghjkl', 'asdfghjkl', 'zxcvbnm', 'qwerty123456', '1qaz2wsx3edc', '1qaz2wsx3edc4rfv',
  'qazwsxedcrfv', 'qazwsxedc123', '1q2w3e4r5t6y', '1q2w3e4r5t6y7u8i', 'zaq12wsxcde3', 'zaq1zaq1zaq1', '!qaz@wsx#edc',
  'q1w2e3r4t5y6', 'poiuytrewq', 'azertyuiop', 'azerty123456', 'qwertz123456', 'asdfasdfasdf', 'qweasdzxc123',
  'zxcvbnm12345', '123qweasdzxc', '1234qwerasdf', '123456789012', '1234567890123', '098765432109',
  '123456789abc', 'abc123456789', 'aa12345678910', '147258369147', '159753159753', '123654789123',
  '112233445566', '121212121212', '12345678910', '123456123456', '123123123123', '987654321987', '135792468013',
];

/**
 * Whole words are listed at any length: the policy strips leading and trailing digits and
 * symbols before a second look-up, so "wachtwoord" also refuses "Wachtwoord2026!" and
 * "123welkom!!!". Combinations are listed when people type them as one word.
 */
function variants(): Set<string> {
  const out = new Set<string>();
  const add = (candidate: string) => {
    if (candidate.length >= 3 && candidate.length <= 64) out.add(candidate);
  };
  for (const word of [...WORDS_EN, ...WORDS_NL, ...FIRST_NAMES, ...KEYBOARD_AND_DIGITS]) add(word);
  for (const name of FIRST_NAMES) {
    for (const prefix of ['ikhouvan', 'iloveyou', 'welkom', 'wachtwoord', 'hallo', 'lief', 'mijn', 'teamlid', 'password']) {
      add(prefix + name);
    }
  }
  for (const word of WORDS_NL) {
    for (const other of ['welkom', 'wachtwoord', 'geheim', 'hallo', 'mijn', 'nieuw', 'oud', 'test', 'gemeente']) {
      if (other !== word) {
        add(other + word);
        add(word + other);
      }
    }
  }
  for (const word of WORDS_EN) {
    for (const other of ['my', 'new', 'old', 'the', 'password', 'welcome', 'admin', 'secret', 'test', 'super']) {
      if (other !== word) {
        add(other + word);
        add(word + other);
      }
    }
  }
  return out;
}

export function generateCommonPasswords(): string[] {
  return [...variants()].sort();
}

if (import.meta.main) {
  const list = generateCommonPasswords();
  const target = fileURLToPath(new URL('./common-passwords.txt', import.meta.url));
  writeFileSync(target, `${list.join('\n')}\n`);
  console.log(`Wrote ${list.length} passwords to ${target}`);
}
