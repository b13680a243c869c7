/**
 * Seeded word lists for the offline provider. Grouped by the style of a genre so an offline
 * character reads like one from its world; unknown genres fall back to `fantasy`.
 */

export type NameStyle = 'fantasy' | 'scifi' | 'anglo' | 'victorian' | 'wasteland' | 'mythic';

export const nameStyleOfGenre: Record<string, NameStyle> = {
  fantasy: 'fantasy',
  mythic: 'mythic',
  'science-fiction': 'scifi',
  cyberpunk: 'scifi',
  steampunk: 'victorian',
  horror: 'anglo',
  mystery: 'anglo',
  modern: 'anglo',
  western: 'anglo',
  'post-apocalyptic': 'wasteland',
};

export const nameParts: Record<NameStyle, { first: string[]; last: string[] }> = {
  fantasy: {
    first: ['Aerin', 'Brannoc', 'Caelith', 'Dorrin', 'Elowen', 'Faelar', 'Garrick', 'Isolde', 'Kaelen', 'Lyra', 'Merrow', 'Nym', 'Orrin', 'Perrin', 'Rhosyn', 'Sable', 'Thalia', 'Ulric', 'Vesna', 'Wren', 'Ysolde', 'Zephyr'],
    last: ['Ashdown', 'Briarwood', 'Coldbrook', 'Duskmantle', 'Emberfall', 'Frostmere', 'Greycloak', 'Hollowell', 'Ironvale', 'Moonwhisper', 'Oakenshield', 'Ravenshaw', 'Stormwright', 'Thornfield', 'Underbough', 'Winterbourne'],
  },
  mythic: {
    first: ['Achelous', 'Brisa', 'Castor', 'Daphnis', 'Eurydia', 'Halcyon', 'Ione', 'Kallias', 'Leukos', 'Melantha', 'Nerissa', 'Orestes', 'Phaedra', 'Theron', 'Xanthe'],
    last: ['of the Nine Springs', 'Oathbound', 'Sunborn', 'of Hollow Delphi', 'Tidecaller', 'the Twice-Born', 'Laurel-Crowned', 'of the Ashen Isle'],
  },
  scifi: {
    first: ['Ada', 'Bex', 'Cass', 'Dax', 'Eon', 'Juno', 'Kai', 'Lio', 'Mara', 'Nova', 'Oren', 'Quill', 'Rho', 'Sol', 'Tycho', 'Vega', 'Zan'],
    last: ['Achterberg', 'Castellan-9', 'Delacroix', 'Ishikawa', 'Kovač', 'Marchetti', 'Nakamura', 'Okonkwo', 'Reyes-Ibarra', 'Sato', 'Vance', 'Volkov', 'Wexler'],
  },
  anglo: {
    first: ['Abigail', 'Arthur', 'Beatrice', 'Calvin', 'Dolores', 'Eli', 'Frances', 'Harlan', 'Ida', 'Jonah', 'Loretta', 'Marcus', 'Nell', 'Owen', 'Ruth', 'Silas', 'Vera', 'Walter'],
    last: ['Abernathy', 'Blackwood', 'Calloway', 'Dunmore', 'Everly', 'Fairchild', 'Grady', 'Holloway', 'McCready', 'Pruitt', 'Quinlan', 'Sinclair', 'Thorne', 'Whitaker'],
  },
  victorian: {
    first: ['Ambrose', 'Cordelia', 'Edmund', 'Florence', 'Gideon', 'Honoria', 'Ignatius', 'Lavinia', 'Montague', 'Octavia', 'Percival', 'Rosalind', 'Theodora', 'Wilhelmina'],
    last: ['Ashcombe', 'Brasswell', 'Cogsworth', 'Fenwick', 'Gearhart', 'Hargreaves', 'Pemberton', 'Quillfeather', 'Ravensworth', 'Smythe', 'Vandermeer', 'Whitlock'],
  },
  wasteland: {
    first: ['Ash', 'Bones', 'Cinder', 'Dust', 'Flint', 'Grit', 'Hex', 'Jinx', 'Kettle', 'Rook', 'Rust', 'Scrap', 'Sparrow', 'Tallow', 'Vex'],
    last: ['of Dry Creek', 'Rivets', 'the Salvager', 'Twelve-Toes', 'of the Glass Flats', 'Runner', 'Sixgun', 'Copperjaw', 'of Old Route 9'],
  },
};

export const pronounSets = ['she/her', 'he/him', 'they/them', 'she/they', 'he/they'] as const;

export const placesByStyle: Record<NameStyle, string[]> = {
  fantasy: ['the border town of Vellmark', 'a monastery above the cloud line', 'the sunken city of Ys', 'a river port on the Amberflow', 'the Thornwood marches', 'a salt-mining village in the north'],
  mythic: ['the foothills of Mount Aethon', 'an island sacred to the moon', 'a temple carved into sea cliffs', 'the olive groves of Kyra', 'the crossroads where three gods met'],
  scifi: ['the orbital habitat Meridian Ring', 'a mining colony on Titan', 'a generation ship called the Long Patience', 'the lower decks of Port Halcyon', 'a terraforming outpost on Mars'],
  anglo: ['a fading mill town', 'a coastal village battered by storms', 'the back streets of the old city', 'a farmhouse at the edge of the county', 'a boarding house by the rail yard'],
  victorian: ['the soot-stained borough of Lower Brassbury', 'an airship dock above the Thames', 'a clockmaker’s shop on Cog Lane', 'a crumbling manor outside Bath', 'the foundries of New Manchester'],
  wasteland: ['the Glass Flats', 'a bunker under the old highway', 'the rust markets of Hollow Crossing', 'a water-caravan route', 'the ruins of a drowned suburb'],
};

export const eventsByTone: Record<string, string[]> = {
  heroic: ['stood alone against raiders who came for the harvest', 'carried a wounded stranger through a blizzard', 'won a tournament nobody expected them to enter', 'broke a siege with a plan scratched on a tavern table'],
  grim: ['buried their family after the fever summer', 'survived a massacre by hiding among the dead', 'sold out a friend to save themselves and never forgot it', 'watched their home burn while the lords looked away'],
  whimsical: ['accidentally befriended a very opinionated goat', 'won a house in a game of riddles', 'turned a rival’s hat into a pigeon and could not turn it back', 'was raised for a year by travelling puppeteers'],
  noir: ['took the fall for a crime they did not commit', 'found a dead informant with their name in his pocket', 'lost a partner to a deal gone sour in the rain', 'learned that the law and justice rarely share an address'],
  tragic: ['broke an oath that cost someone they loved', 'arrived one day too late to stop a war', 'loved someone who chose duty over them', 'saved a city that exiled them the next morning'],
  comedic: ['was mistaken for royalty and played along for a week', 'lost a duel to a chicken, technically', 'started a small war over a misdelivered cake', 'became famous for a heroic deed that was entirely accidental'],
  mysterious: ['woke in a field with no memory of the previous year', 'was found as an infant holding a key that opens nothing', 'has dreams that come true a week later', 'was the only survivor of an expedition nobody will speak of'],
  hopeful: ['rebuilt a ruined school with their own hands', 'reunited two feuding families', 'planted the first garden in a poisoned valley', 'taught a whole village to read by lamplight'],
};

export const goals = [
  'to find the person who betrayed them',
  'to pay off a debt that is not only money',
  'to earn a place in the stories they grew up on',
  'to protect the few people who still trust them',
  'to uncover the truth about their origins',
  'to undo a mistake that haunts them',
  'to build something that will outlast them',
  'to see every corner of the world before they die',
];

export const traitsByTone: Record<string, string[]> = {
  heroic: ['Steps forward when others step back', 'Keeps promises even when they hurt', 'Quick to praise others, slow to praise themselves', 'Believes everyone deserves a second chance'],
  grim: ['Trusts no one who smiles too easily', 'Speaks little and remembers everything', 'Sleeps with a blade within reach', 'Counts exits before counting friends'],
  whimsical: ['Names every object they own', 'Hums when nervous, which is often', 'Collects buttons, feathers and rumours', 'Treats every problem as a puzzle worth enjoying'],
  noir: ['Answers questions with questions', 'Never sits with their back to a door', 'Drinks their coffee black and their truths blacker', 'Notices the small lie inside the big story'],
  tragic: ['Apologises too often', 'Keeps a keepsake of someone long gone', 'Hides sorrow behind careful courtesy', 'Expects every good thing to end'],
  comedic: ['Cannot resist a bad pun', 'Overconfident in exactly the wrong moments', 'Makes friends with bartenders everywhere', 'Tells every story a little bigger than it was'],
  mysterious: ['Speaks of the past only in riddles', 'Watches the sky as if expecting a sign', 'Knows things they should not know', 'Leaves before anyone can say goodbye'],
  hopeful: ['Finds the good in the worst of days', 'Shares their last meal without thinking', 'Writes letters to people they have not met yet', 'Laughs easily and forgives quickly'],
};

export const idealsByAlignment: Record<string, string[]> = {
  good: ['Mercy: the strong must shelter the weak.', 'Charity: what I have is meant to be shared.', 'Hope: tomorrow can be better than today.'],
  evil: ['Power: the world bends to those who take.', 'Ambition: nothing and no one will stand in my way.', 'Fear: respect is a leash, fear is a chain.'],
  lawful: ['Order: without rules, the weak are prey.', 'Honour: my word is my bond.', 'Duty: I serve something larger than myself.'],
  chaotic: ['Freedom: no chains, no crowns, no masters.', 'Change: what is stale must be torn down.', 'Independence: I answer to myself alone.'],
  neutral: ['Balance: every force needs its counterweight.', 'Knowledge: understanding is worth any price.', 'Live and let live: the world is big enough for all of us.'],
};

export const bonds = [
  'A younger sibling who still believes I am a hero.',
  'The mentor who taught me everything and vanished without a word.',
  'A battered journal that belonged to my mother.',
  'The crew I ran with — I would die for any of them.',
  'A debt of life owed to a stranger whose name I never learned.',
  'The town that took me in when no one else would.',
  'A rival whose respect I want more than I will admit.',
];

export const flaws = [
  'I cannot walk away from a wager, however foolish.',
  'I hold grudges long after everyone else has forgotten.',
  'I lie when the truth would serve me better.',
  'I trust authority far more than it deserves.',
  'My pride will not let me ask for help.',
  'I take reckless risks to feel alive.',
  'I keep secrets even from the people who need them.',
  'Gold makes me forget my principles.',
];

export type PrimaryStat = 'strength' | 'dexterity' | 'constitution' | 'intelligence' | 'wisdom' | 'charisma';

export const roleKeywords: [RegExp, PrimaryStat][] = [
  [/fight|warrior|soldier|knight|barbarian|samurai|marine|raider|hero|brawler|guard/i, 'strength'],
  [/rogue|thief|scout|ranger|pilot|gunslinger|runner|assassin|hunter|acrobat|smuggler/i, 'dexterity'],
  [/wizard|mage|scientist|hacker|netrunner|engineer|inventor|detective|techie|scholar|forensic|mechanic/i, 'intelligence'],
  [/cleric|priest|druid|monk|healer|medic|oracle|paramedic|occultist|preacher|priestess/i, 'wisdom'],
  [/bard|diplomat|noble|merchant|fixer|gambler|aristocrat|captain|journalist|musician|trickster|heiress/i, 'charisma'],
  [/survivor|wanderer|scavenger|sheriff|paladin|butler|chef/i, 'constitution'],
];

export const abilitiesByStat: Record<PrimaryStat, { name: string; description: string }[]> = {
  strength: [
    { name: 'Unbreakable Grip', description: 'Once seized, a foe or a ledge is not easily let go; advantage on holding and climbing.' },
    { name: 'Shoulder Charge', description: 'A short rush that knocks a human-sized opponent off their feet.' },
    { name: 'Second Wind', description: 'Shrugs off fresh wounds once per fight, finding strength where others find none.' },
  ],
  dexterity: [
    { name: 'Quickdraw', description: 'Always acts first when weapons come out, unless surprised.' },
    { name: 'Ghost Step', description: 'Moves without a sound across any floor that is not actively alarmed.' },
    { name: 'Sleight of Hand', description: 'Palms, plants or swaps small objects under close watch.' },
  ],
  constitution: [
    { name: 'Iron Stomach', description: 'Immune to ordinary poisons and spoiled rations.' },
    { name: 'Tireless', description: 'Marches, works or watches through two nights without penalty.' },
    { name: 'Hard to Kill', description: 'Stays conscious through injuries that would fell others.' },
  ],
  intelligence: [
    { name: 'Pattern Sight', description: 'Spots the hidden link between clues, ciphers and coincidences.' },
    { name: 'Improvised Device', description: 'Builds a one-use gadget from whatever is lying around.' },
    { name: 'Walking Library', description: 'Recalls an obscure fact about any subject once per day.' },
  ],
  wisdom: [
    { name: 'Read the Room', description: 'Senses the mood, the liar and the threat in any gathering.' },
    { name: 'Mend', description: 'Closes wounds and eases fevers with steady hands and old knowledge.' },
    { name: 'Omen Reader', description: 'Glimpses a warning of danger a few moments before it arrives.' },
  ],
  charisma: [
    { name: 'Silver Tongue', description: 'Talks past guards, creditors and minor officials with ease.' },
    { name: 'Rallying Cry', description: 'Steadies frightened allies with a few well-chosen words.' },
    { name: 'Friends Everywhere', description: 'Knows someone useful in every town, port or station.' },
  ],
};

export const equipmentByStyle: Record<NameStyle, string[]> = {
  fantasy: ['a well-oiled longsword', 'a traveller’s cloak with a hidden pocket', 'a pouch of river-smooth runestones', 'a dented lantern', 'a map with one region burned away', 'a flask of dwarven spirits', 'a shortbow of yew'],
  mythic: ['a bronze spear blessed at dawn', 'a shield painted with a gorgon’s eye', 'a lyre strung with a god’s hair', 'a vial of river water from the underworld', 'sandals that never wear out'],
  scifi: ['a compact plasma sidearm', 'a battered datapad full of star charts', 'a vacuum-rated jacket', 'a multitool with one missing bit', 'a family holo-locket', 'emergency ration bars'],
  anglo: ['a worn leather notebook', 'a snub-nosed revolver', 'a pocket watch that runs slow', 'a ring of unlabelled keys', 'a flask of cheap whiskey', 'a photograph folded in four'],
  victorian: ['a brass goggles set with swappable lenses', 'a walking cane concealing a blade', 'a steam-powered pocket calculator', 'an airship pilot’s licence', 'a velvet-lined toolkit'],
  wasteland: ['a sawn-off shotgun held together with wire', 'a rebreather mask', 'a bag of bottle caps', 'a hand-cranked radio', 'a rusted machete', 'three days of clean water'],
};

export const featuresList = [
  'a scar through one eyebrow',
  'mismatched eyes, one grey and one green',
  'ink-stained fingers',
  'a braid threaded with tiny bells',
  'a voice much deeper than expected',
  'a missing fingertip on the left hand',
  'freckles like a spill of cinnamon',
  'an old tattoo of a compass rose',
  'a limp that worsens in the cold',
  'hair gone prematurely silver',
];

export const builds = ['lean and wiry', 'broad-shouldered', 'tall and stooped', 'short and sturdy', 'graceful and long-limbed', 'compact and restless'];
export const attire = ['travel-stained leathers', 'a patched but proud coat', 'practical work clothes', 'finery a decade out of fashion', 'layered scarves and wraps', 'a uniform with the insignia torn off'];

export const quoteTemplates = [
  'Everyone wants to be a hero until the bill arrives.',
  'I have been lucky. Luck is just preparation nobody saw.',
  'Tell me the truth, and I will tell you what it costs.',
  'If the door is locked, someone wanted it opened.',
  'Run if you like. I am very good at walking.',
  'The past is a debt. I intend to pay it in full.',
  'I do not start fights. I finish the ones that find me.',
  'Trust is a coin you only get to spend once.',
];

export const plotHookTemplates = [
  'A letter arrives in {name}’s own handwriting, dated ten years in the future.',
  'Someone from {place} is hunting {name} and will not say why.',
  '{name} owes a favour to a dangerous patron, and the patron has finally called it in.',
  'An old companion of {name} resurfaces, claiming the mentor is still alive.',
  'A bounty on {name}’s head appears, for a crime committed in a town they have never visited.',
  '{name} holds the only key to a vault everyone else believes is empty.',
];

/** Neutral vocabulary for fields the offline provider knows nothing about. */
export const genericNouns = ['archive', 'beacon', 'circuit', 'harbour', 'ledger', 'lantern', 'meadow', 'orchard', 'signal', 'summit', 'thread', 'window'];
export const genericAdjectives = ['amber', 'bright', 'careful', 'distant', 'gentle', 'hidden', 'quiet', 'steady', 'swift', 'vivid'];
export const genericVerbs = ['connects', 'describes', 'explores', 'gathers', 'guides', 'outlines', 'reveals', 'shapes', 'supports', 'tracks'];
