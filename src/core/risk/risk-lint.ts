/**
 * Risk lint: finds interview questions or interviewer remarks that touch protected characteristics
 * (DECISIONS 26). Shared by the question bank (before a question is saved) and interview
 * intelligence (on transcripts). Pure; offsets are UTF-16 code units, end-exclusive, with
 * `text.slice(start, end) === match`.
 */

export const riskCategories = [
  'age',
  'national_origin',
  'citizenship',
  'religion',
  'family_status',
  'pregnancy',
  'disability_health',
  'genetic_information',
  'arrest_record',
  'salary_history',
  'sexual_orientation_gender_identity',
  'military_discharge',
  'union_membership',
] as const;
export type RiskCategory = (typeof riskCategories)[number];

export interface RiskFinding {
  category: RiskCategory;
  start: number;
  end: number;
  match: string;
  message: string;
  /** A lawful, job-related way to get at the legitimate need. */
  alternative: string;
}

interface Rule {
  category: RiskCategory;
  /** Phrasings that touch the characteristic, directly or indirectly. */
  patterns: RegExp[];
  /** Lawful neighbours: when one matches the same sentence, the rule does not fire. */
  lawful?: RegExp[];
  message: string;
  alternative: string;
}

const rules: Rule[] = [
  {
    category: 'age',
    patterns: [
      /\bhow (?:much )?longer (?:do you (?:see yourself|plan|want|intend|expect)|will you|are you planning) (?:to )?(?:keep )?work(?:ing)?\b/i,
      /\byou (?:were|must have been|would have been) around (?:for|when)\b|\bdo you remember (?:when|the days)\b/i,
      /\bstage (?:of|in) (?:your )?(?:life|career)\b/i,
      /\bare you (?:over|under|older than|younger than) (?:\d{2}|thirty|forty|fifty|sixty)\b/i,
      /\b(?:close to|nearly|almost|pushing|must be|what, ) ?(?:\d0|forty|fifty|sixty|seventy)\b/i,
      /\bhow old\b/i,
      /\byour age\b/i,
      /\bdate of birth\b|\bbirth ?date\b|\bwhen were you born\b|\byear (?:were you|you were) born\b/i,
      /\bwhat year did you (?:graduate|finish (?:school|college|university))\b|\bwhen did you (?:graduate|finish (?:high )?school|leave school)\b|\bgraduation year\b|\byear of graduation\b/i,
      /\b(?:until|before|plans? to|planning to|thinking (?:about|of)) retir(?:e|ing|ement)\b|\bretirement plans\b|\bclose to retirement\b/i,
      /\btoo (?:old|young)\b|\b(?:young|youthful) and (?:energetic|hungry)\b|\bdigital native\b|\bover the hill\b|\bgeneration (?:are|were) you\b|\bare you a (?:millennial|boomer|gen ?z)\b/i,
      /\b(?:keep up|fit in) with (?:a )?(?:young|younger)\b|\bso young\b|\byounger team\b.*\bcomfortable\b/i,
    ],
    lawful: [/\byears of (?:professional |relevant |leadership )?experience\b/i, /\bolder adults\b|\bseniors? (?:market|users|customers)\b/i, /\bat least 18\b|\bover 18\b|\blegal age\b/i],
    message: 'Age is protected; graduation years, retirement plans and generational labels stand in for it.',
    alternative: 'Ask about relevant experience: "Which experiences best prepared you for leading this function?"',
  },
  {
    category: 'national_origin',
    patterns: [
      /\byour english is (?:really |very |so |remarkably )?(?:good|great|excellent|impressive|fluent)\b|\bwhere did you learn (?:your )?english\b/i,
      /\bback home\b/i,
      /\bwhere(?:'s| is) (?:the|your|that) (?:name|surname|last name|family name) from\b/i,
      /\bspeak\b.*\bat home\b/i,
      /\bmaiden name\b/i,
      /\bwhere (?:are you|were you|is your family) (?:originally )?from\b|\bwhere did you grow up\b|\bwhere were you born\b|\byour (?:home ?town|birthplace|country of origin)\b/i,
      /\bnative (?:tongue|language|country)\b|\bmother tongue\b|\bfirst language\b/i,
      /\b(?:is that|what kind of|where is) (?:an |your )?accent\b|\byour accent\b/i,
      /\bwhat(?:'s| is) your (?:ethnicity|race|nationality|heritage|ancestry)\b|\bethnic (?:background|origin)\b/i,
      /\byour (?:parents|family|grandparents)\b.*\b(?:originally from|come from|came from|immigrat|country|born)\b/i,
      /\bwhat kind of (?:name|surname) is\b|\bhow do you (?:even )?pronounce your (?:last )?name\b.*\bfrom\b|\byour name (?:is|sounds) (?:unusual|foreign)\b/i,
    ],
    lawful: [/\blanguages? (?:do you speak|you speak)\b.*\b(?:role|job|market|customers|position)\b|\b(?:role|job|position) requires\b.*\blanguage/i],
    message: 'National origin is protected; birthplace, accent, native language and family origin stand in for it.',
    alternative: 'If a language is required for the job, ask: "This role requires fluent Spanish for customer meetings; are you able to work in Spanish?"',
  },
  {
    category: 'citizenship',
    patterns: [
      /\bbecome a citizen\b|\bcitizenship test\b/i,
      /\b(?:are you|you(?:'re|’re| are)) an? (?:[A-Z][a-z]+ |u\.?s\.? )?citizen\b|\byour citizenship\b|\bwhat (?:is your )?citizenship\b|\bcitizen of (?:which|what) country\b/i,
      /\bgreen card\b|\bwhat (?:kind of|type of) visa\b|\bwhich passport\b|\bhow long have you (?:lived|been) (?:here|in this country)\b|\bwhen did you (?:move|come|immigrate) (?:here|to this country)\b/i,
      /\bnaturali[sz]ed\b|\bimmigration status\b|\bare you (?:an )?immigrant\b/i,
      /\bcitizen\b.*\bor\b.*\b(?:residence|residency|work) permit\b|\b(?:residence|residency) permit situation\b/i,
    ],
    lawful: [/\b(?:legally )?authori[sz]ed to work\b|\beligible to work\b|\bright to work\b|\b(?:visa )?sponsorship\b/i],
    message: 'Beyond work authorization, citizenship and immigration history are protected.',
    alternative: 'Ask only: "Are you legally authorized to work in this country? Will you now or in the future require sponsorship?"',
  },
  {
    category: 'religion',
    patterns: [
      /\b(?:ramadan|fasting|lent|kosher|halal|yom kippur)\b/i,
      /\byour (?:beliefs|faith)\b|\bgiven your (?:beliefs|background)\b/i,
      /\b(?:pastor|rabbi|imam|priest|minister|vicar)\b/i,
      /\b(?:which|what) (?:church|mosque|synagogue|temple|faith|religion|denomination)\b|\byour (?:religion|faith|religious (?:beliefs?|practice|views)|church)\b/i,
      /\bare you (?:religious|christian|muslim|jewish|hindu|buddhist|catholic|an atheist|observant)\b|\bdo you (?:pray|go to church|attend (?:church|services|mass))\b/i,
      /\b(?:fridays?|saturdays?|sundays?|sabbath|religious holidays?)\b.*\boff\b.*\b(?:prayer|worship|religio|sabbath|church)|\b(?:need|take|want)\b.*\boff\b.*\b(?:for )?(?:prayer|worship|church|sabbath|religious)/i,
      /\bholidays? do you (?:celebrate|observe)\b|\bdo you celebrate (?:christmas|eid|diwali|hanukkah|passover|easter)\b/i,
    ],
    lawful: [/\b(?:launch|product|calendar|market|customers|users)\b.*\bholiday/i],
    message: 'Religion is protected, including observance and holidays.',
    alternative: 'State the schedule instead: "The role includes some weekend releases; can you meet that schedule?"',
  },
  {
    category: 'family_status',
    patterns: [
      /\bschool (?:run|pick-?ups?|drop-?offs?)\b/i,
      /\b(?:miss|ms\.?) or mrs\.?\b|\bmrs\.? or (?:miss|ms)\b/i,
      /\bare you (?:married|single|divorced|engaged|widowed|seeing anyone)\b|\bmarital status\b|\byour (?:husband|wife|spouse|partner|boyfriend|girlfriend)\b/i,
      /\bdo you have (?:any )?(?:kids|children|a family|dependents)\b|\bhow many (?:kids|children)\b|\byour (?:kids|children)\b|\bwho (?:looks after|takes care of|watches|picks up) (?:your|the) (?:kids|children)\b/i,
      /\bchild ?care (?:arrangements?|situation|plans?)\b|\bday ?care\b|\bbabysitter\b|\bnanny\b/i,
      /\b(?:single (?:mom|mum|mother|father|dad|parent))\b|\bworking (?:mom|mum|mother)\b|\bare you a (?:parent|mother|father)\b/i,
      /\b(?:care for|caring for|look after) (?:elderly|ageing|aging|sick) (?:parents|relatives)\b|\bfamily (?:commitments|obligations|responsibilities)\b.*\b(?:you|your)\b/i,
      /\b(?:partner|spouse|husband|wife|family) (?:mind|be ok|be okay|object|feel)\b/i,
    ],
    lawful: [
      /\bhow do you (?:support|manage|lead)\b.*\b(?:parents|parental leave|caregivers)\b|\bparental leave (?:policy|policies)\b.*\b(?:team|company|design)/i,
      // "Boyfriend or girlfriend?" asks about orientation (its own rule), not family status.
      /\bboyfriend or (?:a |your )?girlfriend\b|\bgirlfriend or (?:a |your )?boyfriend\b/i,
    ],
    message: 'Marital and family status and caregiving are protected; childcare questions stand in for them.',
    alternative: 'State the requirement: "The role needs travel two weeks a month; is that workable for you?"',
  },
  {
    category: 'pregnancy',
    patterns: [
      /\bbaby (?:is )?due\b|\bdue date\b|\banother (?:baby|child|kid)\b/i,
      /\bare you pregnant\b|\bpregnan(?:t|cy)\b.*\b(?:you|your)\b|\b(?:you|your)\b.*\bpregnan/i,
      /\b(?:plan(?:s|ning)?|want|thinking about|intend) (?:to )?(?:have|start(?:ing)?) (?:a family|kids|children|a baby)\b|\bstart(?:ing)? a family\b|\bmore (?:kids|children)\b/i,
      /\bmaternity leave\b.*\b(?:you|your|plan)\b|\b(?:you|your)\b.*\bmaternity\b|\bexpecting a baby\b|\bbiological clock\b/i,
    ],
    lawful: [/\bhow (?:do|did) you (?:support|handle|manage|cover)\b.*\b(?:team|report|engineer|colleague)s?\b.*\b(?:maternity|parental|leave)/i],
    message: 'Pregnancy and plans to have children are protected.',
    alternative: 'Ask about availability for the role\'s real requirements, the same for every candidate.',
  },
  {
    category: 'disability_health',
    patterns: [
      /\bdo you have (?:a|any) (?:disabilit(?:y|ies)|impairments?|handicap)\b/i,
      /\b(?:on|taking) (?:any )?(?:prescription )?(?:medications?|meds|drugs)\b/i,
      /\b(?:wheelchair|cane|crutches|hearing aid|prosthe\w*|limp)\b.*\bwhat happened\b|\bwhat happened to your\b/i,
      /\brehab\b|\bin recovery\b/i,
      /\byour (?:hearing|eyesight|vision|memory|back|heart|health) (?:is )?(?:ok|okay|alright|all right|good|impaired|fine)\b|\bis your (?:hearing|eyesight|vision) (?:ok|okay)\b/i,
      /\byour (?:\w+ )?(?:condition|injury|illness|impairment)\b|\byour (?:medical |psychiatric )diagnosis\b/i,
      /\b(?:any|have you (?:ever )?had (?:a|any)) (?:medical|health|mental health) (?:conditions?|issues?|problems?)\b|\bare you (?:healthy|disabled|in good health)\b|\byour (?:health|disability|medical history)\b/i,
      /\bhow many (?:sick )?days\b.*\b(?:sick|ill|off)\b|\bsick (?:days|leave)\b.*\b(?:you|your|last year|take)\b|\bever been (?:hospitali[sz]ed|on disability|treated for)\b/i,
      /\b(?:do|did) you (?:have|suffer from|take medication|see a therapist)\b.*\b(?:condition|depression|anxiety|illness|disease|medication|therapy|adhd|autism)\b/i,
      /\b(?:anything|something) (?:health[- ]?wise|medical)\b.*\b(?:know|aware|tell|mention)\b|\bhealth[- ]?wise\b.*\b(?:should|need to|must) (?:know|be aware)\b/i,
      /\b(?:workers'? comp(?:ensation)? claims?)\b|\bwhat(?:'s| is) wrong with your\b|\bwhy do you (?:limp|use a wheelchair|need a cane)\b/i,
      /\b(?:mental health|drink|alcohol|drugs?)\b.*\b(?:history|problem|issue|use)\b.*\b(?:you|your)\b|\b(?:you|your)\b.*\b(?:drink|alcohol) (?:problem|habit)s?\b/i,
    ],
    lawful: [
      /\bwith or without (?:a )?(?:reasonable )?accommodation\b/i,
      /\b(?:accessib|users with disabilities|disabled users|customers with disabilities|hipaa|health[- ]?(?:tech|care) (?:product|company|industry|regulation|data))/i,
    ],
    message: 'Disability and health are protected; sick days, medication and medical history stand in for them.',
    alternative: 'Ask: "Can you perform the essential functions of this job, with or without reasonable accommodation?"',
  },
  {
    category: 'genetic_information',
    patterns: [
      /\b23andme\b|\bancestry ?dna\b|\bdna test\b|\bbrca\b|\bcarry the \w+ gene\b/i,
      /\b(?:parents?|mother|father|relatives?|grandparents?)\b.*\b(?:pass(?:ed)? away|died) (?:from|of)\b/i,
      /\b(?:runs?|run) in your family\b|\bfamily (?:medical )?history\b|\bgenetic (?:test|testing|condition|predisposition|information)\b|\bhereditary\b|\byour (?:dna|genes)\b/i,
      /\b(?:parents|mother|father|relatives?)\b.*\b(?:died of|suffer(?:ed)? from|had (?:cancer|diabetes|heart disease|alzheimer))/i,
    ],
    message: 'Genetic information, including family medical history, is protected.',
    alternative: 'Do not ask; nothing about family medical history is job-related.',
  },
  {
    category: 'arrest_record',
    patterns: [
      /\b(?:jail|prison)\b/i,
      /\bever been (?:charged|convicted)\b|\bcharged with (?:anything|a crime)\b|\bconvicted of\b/i,
      /\b(?:anything )?on your record\b|\bcriminal (?:record|history|background)\b/i,
      /\bdui\b|\bdwi\b|\bdrunk driving\b/i,/\b(?:ever )?been arrested\b|\barrest (?:record|history)\b|\bever (?:been )?(?:detained|in jail|locked up|taken into custody)\b|\bhad (?:any )?run-?ins? with the (?:police|law)\b/i],
    message: 'Arrest records (as opposed to relevant convictions, where the law allows asking later) must not be asked about.',
    alternative: 'Follow your jurisdiction\'s rules on lawful, role-relevant background checks after a conditional offer.',
  },
  {
    category: 'salary_history',
    patterns: [
      /\b(?:base|comp|compensation|salary|package|bonus|equity|pay)\b.*\b(?:at the moment|right now|currently|today)\b/i,
      /\b(?:total )?comp(?:ensation)? (?:at|with) [A-Z]/,
      /\babove or below \$?\d/i,
      /\bwhat (?:were|are) you (?:paid|earning|making)\b|\bhow much (?:do|did) you (?:make|earn|get paid)\b|\b(?:current|previous|last|prior) (?:salary|pay|compensation|base|package|bonus|equity)\b|\bsalary history\b|\bpay stubs?\b|\bw-?2\b/i,
      /\bwhat do you (?:make|earn)\b|\byou(?:'re| are) (?:making|earning)\b.*\b(?:now|currently|at)\b/i,
      /\bwhat (?:were|are) you on at\b|\bwhat (?:were|are) you on\b.*\b(?:base|bonus|salary|package|comp)\b/i,
    ],
    lawful: [/\b(?:never|not|don't|do not) (?:ask(?:ing)? )?(?:about |for )?(?:salary|pay) history\b|\bwe (?:don't|do not|never) (?:use|ask|consider)\b|\bsalary (?:expectations?|range you(?:'re| are) (?:looking|targeting))\b|\bexpect(?:ing|ations)? (?:in terms of )?(?:salary|compensation|pay)\b|\bwhat (?:salary|compensation|pay) (?:range )?are you (?:looking|hoping) for\b|\btarget (?:salary|compensation)\b/i],
    message: 'Salary history questions are banned in many jurisdictions and carry past pay gaps forward.',
    alternative: 'Ask about expectations: "What salary range are you looking for?"',
  },
  {
    category: 'sexual_orientation_gender_identity',
    patterns: [
      /\b(?:before|since|after|when) you transitioned\b|\bhave you transitioned\b|\bdeadname\b|\bwhat was (?:it|your name) before\b/i,
      /\b(?:partner|spouse|date)\b.*\ba man or a woman\b|\ba man or a woman\b/i,
      /\bare you (?:gay|straight|lesbian|bisexual|bi|queer|trans|transgender|heterosexual|homosexual|non-?binary)\b|\byour (?:sexual orientation|sexuality|gender identity)\b/i,
      /\bwere you (?:born|assigned) (?:a )?(?:male|female|man|woman|boy|girl)\b|\bhave you transitioned\b|\bbiological (?:sex|gender)\b/i,
      /\bboyfriend or (?:a |your )?girlfriend\b|\bgirlfriend or (?:a |your )?boyfriend\b|\bhusband or (?:a |your )?wife\b/i,
    ],
    lawful: [/\bwhat (?:are your )?pronouns (?:should we|do you) use\b|\bhow (?:should|would you like) (?:we|us to) (?:address|refer to) you\b|\b(?:your )?preferred pronouns\b(?!.*\b(?:trans|transgender|born|gender identity)\b)/i],
    message: 'Sexual orientation and gender identity are protected.',
    alternative: 'Asking how to address someone (name, pronouns) is fine; asking about orientation or identity is not.',
  },
  {
    category: 'military_discharge',
    patterns: [
      /\bdd-?214\b/i,
      /\bwhy did you (?:get out of|leave|quit) the (?:army|military|navy|marines|marine corps|air force|service|coast guard)\b/i,
      /\b(?:still )?in the reserves\b|\bdrill weekends?\b|\bnational guard\b.*\b(?:you|still)\b|\breservist\b/i,/\b(?:type|kind) of discharge\b|\b(?:honou?rabl[ey]|dishonou?rabl[ey]|general|other than honou?rable) discharge(?:d)?\b|\bhow (?:did you|were you) (?:leave|discharged from) the (?:army|military|navy|air force|service)\b/i],
    lawful: [/\b(?:skills|experience|leadership|lessons)\b.*\bmilitary\b|\bmilitary (?:service|experience)\b.*\b(?:skills|lead|learn|prepare)/i],
    message: 'The type of military discharge is protected in many places and rarely job-related.',
    alternative: 'Ask about skills: "What experience from your military service is relevant to this role?"',
  },
  {
    category: 'union_membership',
    patterns: [
      /\bnon-?union\b|\bunion steward\b|\bgrievance\b.*\bunion\b|\bunion\b.*\bgrievance\b/i,/\bare you (?:in|a member of) (?:a|the|any) (?:trade |labou?r )?union\b|\bunion (?:member|membership|card|activity|sympathies)\b.*\b(?:you|your)\b|\b(?:you|your)\b.*\bunion (?:member|membership|activity)\b|\bhow do you feel about unions\b|\bwould you (?:join|vote for) a union\b/i],
    lawful: [/\b(?:negotiat|collective bargaining|labou?r relations|works council)/i],
    message: 'Union membership and activity are protected.',
    alternative: 'If the role manages unionised staff, ask about experience: "Describe how you worked with a works council or union as a manager."',
  },
];

/** Sentence spans: the lawful-neighbour check looks at the sentence around a match. */
function sentenceAround(text: string, start: number, end: number): string {
  let s = start;
  while (s > 0 && !/[.?!\n]/.test(text[s - 1]!)) s--;
  let e = end;
  while (e < text.length && !/[.?!\n]/.test(text[e]!)) e++;
  return text.slice(s, Math.min(text.length, e + 1));
}

/**
 * Every risky phrase in `text`, at most one finding per category and sentence, in text order.
 * A lawful neighbour in the same sentence (work authorization, accommodation, salary expectations,
 * military skills…) suppresses that category's finding.
 */
export function lintRisk(text: string): RiskFinding[] {
  const findings: RiskFinding[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    for (const pattern of rule.patterns) {
      const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
      for (const m of text.matchAll(re)) {
        const start = m.index;
        const end = start + m[0].length;
        const sentence = sentenceAround(text, start, end);
        if (rule.lawful?.some((l) => l.test(sentence))) continue;
        const key = `${rule.category}:${sentence}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push({ category: rule.category, start, end, match: m[0], message: rule.message, alternative: rule.alternative });
      }
    }
  }
  return findings.sort((a, b) => a.start - b.start || a.category.localeCompare(b.category));
}
