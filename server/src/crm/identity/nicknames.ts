// Common English given-name diminutives, folded to one formal name before names are compared, so
// "Bob Smith" and "Robert Smith" agree. Data, not an algorithm: extend it per market.
const GROUPS: Record<string, string[]> = {
  robert: ['bob', 'bobby', 'rob', 'robbie', 'bert'],
  william: ['bill', 'billy', 'will', 'willy', 'liam'],
  richard: ['rick', 'ricky', 'dick', 'rich', 'richie'],
  james: ['jim', 'jimmy', 'jamie'],
  john: ['jack', 'johnny', 'jon'],
  joseph: ['joe', 'joey'],
  thomas: ['tom', 'tommy'],
  michael: ['mike', 'mikey', 'mick'],
  christopher: ['chris', 'kit'],
  daniel: ['dan', 'danny'],
  matthew: ['matt', 'matty'],
  anthony: ['tony'],
  steven: ['steve', 'stevie', 'stephen'],
  andrew: ['andy', 'drew'],
  joshua: ['josh'],
  kenneth: ['ken', 'kenny'],
  edward: ['ed', 'eddie', 'ted', 'ned'],
  timothy: ['tim', 'timmy'],
  ronald: ['ron', 'ronnie'],
  jeffrey: ['jeff'],
  jacob: ['jake'],
  nicholas: ['nick', 'nicky'],
  benjamin: ['ben', 'benny'],
  samuel: ['sam', 'sammy'],
  alexander: ['alex', 'sasha'],
  patrick: ['pat', 'paddy'],
  gregory: ['greg'],
  peter: ['pete'],
  charles: ['charlie', 'chuck'],
  david: ['dave', 'davey'],
  elizabeth: ['liz', 'lizzie', 'beth', 'betty', 'eliza'],
  margaret: ['maggie', 'peggy', 'meg'],
  patricia: ['pat', 'patty', 'trish'],
  jennifer: ['jen', 'jenny'],
  barbara: ['barb', 'babs'],
  susan: ['sue', 'susie'],
  jessica: ['jess', 'jessie'],
  deborah: ['deb', 'debbie'],
  kimberly: ['kim'],
  rebecca: ['becky', 'becca'],
  kathleen: ['kathy', 'kate', 'katie'],
  catherine: ['cathy', 'kate', 'katie', 'katherine'],
  stephanie: ['steph'],
  cynthia: ['cindy'],
  amanda: ['mandy'],
  melissa: ['mel', 'missy'],
  michelle: ['shelly'],
  samantha: ['sam', 'sammy'],
  valentina: ['vale', 'tina'],
  victoria: ['vicky', 'tori'],
  alexandra: ['alex', 'sandra', 'sasha'],
  olga: ['olya'],
  ivan: ['vanya'],
};

const TO_FORMAL = new Map<string, string>();
for (const [formal, short] of Object.entries(GROUPS)) {
  for (const s of short) if (!TO_FORMAL.has(s)) TO_FORMAL.set(s, formal);
}

/** The formal given name a diminutive stands for ("bob" → "robert"); the name itself otherwise. */
export function formalGivenName(lowerAsciiName: string): string {
  return TO_FORMAL.get(lowerAsciiName) ?? lowerAsciiName;
}
