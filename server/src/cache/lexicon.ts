/**
 * Word lists the intent gate and the offline embedder share. Synonym groups map wording that
 * never changes an answer ("delete"/"remove", "folder"/"directory", "js"/"javascript") to one
 * canonical word; everything not listed as filler or function word counts as meaningful, so a
 * word missing from these lists makes the cache stricter, never looser.
 */

/** Groups of interchangeable words; the first word is the canonical form. */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["remove", "delete", "erase", "eliminate", "drop", "strip", "rm", "del", "discard", "uninstall"],
  ["create", "make", "generate", "produce"],
  ["get", "obtain", "retrieve", "grab", "capture", "find", "locate", "access", "lookup", "search", "determine", "compute", "calculate"],
  ["check", "verify", "test", "detect", "tell", "see", "validate", "confirm"],
  ["change", "modify", "alter", "edit", "adjust", "tweak", "set"],
  ["update", "upgrade", "bump", "refresh"],
  ["run", "execute", "launch", "invoke", "call", "exec", "trigger"],
  ["stop", "kill", "terminate", "halt", "finish", "quit", "exit"],
  ["cancel", "abort"],
  ["merge", "combine", "join", "concatenate", "concat", "unite", "fuse", "union"],
  ["split", "divide", "separate", "chunk", "partition", "break"],
  ["show", "display", "view", "print", "output", "render", "echo", "list", "ls"],
  ["error", "exception", "err", "failure"],
  ["raise", "throw"],
  ["fix", "solve", "resolve", "repair", "debug", "troubleshoot"],
  ["sort", "order", "arrange"],
  ["count", "tally"],
  ["size", "length", "len"],
  ["large", "big", "huge", "massive"],
  ["small", "tiny", "little"],
  ["fast", "quick", "quickly", "fastest", "quickest", "efficient", "efficiently", "performant", "speedy", "rapid", "faster", "speed"],
  ["directory", "folder", "dir"],
  ["dataframe", "df", "dataframes"],
  ["array", "arr"],
  ["object", "obj"],
  ["package", "pkg", "pkgs"],
  ["dependency", "dep", "deps", "dependencies"],
  ["message", "msg"],
  ["image", "img"],
  ["table", "tbl"],
  ["library", "lib", "libs"],
  ["command", "cmd"],
  ["process", "proc"],
  ["character", "char", "chars"],
  ["source", "src"],
  ["destination", "dest", "dst"],
  ["temporary", "tmp", "temp"],
  ["attribute", "attr", "attrs"],
  ["format", "fmt"],
  ["version", "ver"],
  ["initialize", "init", "initialise"],
  ["authentication", "auth", "authenticate"],
  ["documentation", "docs", "doc"],
  ["move", "mv"],
  ["password", "pwd", "passwd"],
  ["repository", "repo"],
  ["dictionary", "dict", "hashmap"],
  ["integer", "int"],
  ["string", "str"],
  ["number", "num", "numeric", "digit"],
  ["variable", "var"],
  ["function", "func", "fn"],
  ["argument", "arg", "parameter", "param"],
  ["another", "different", "other"],
  ["await"],
  ["restart", "reboot", "relaunch"],
  ["configuration", "config", "configure", "setup", "settings"],
  ["environment", "env"],
  ["database", "db"],
  ["application", "app"],
  ["javascript", "js", "ecmascript", "es"],
  ["typescript", "ts"],
  ["python", "py", "python3"],
  ["node", "nodejs"],
  ["golang"],
  ["csharp", "dotnet"],
  ["cpp", "cplusplus"],
  ["kubernetes", "k8s", "kube"],
  ["postgres", "postgresql", "pg", "psql"],
  ["mongodb", "mongo"],
  ["macos", "mac", "osx", "macbook"],
  ["windows", "win"],
  ["asc", "ascending", "increasing"],
  ["desc", "descending", "decreasing"],
  ["latest", "last", "recent", "newest", "final"],
  ["previous", "prior", "preceding", "prev"],
  ["first", "initial", "beginning", "leading", "start", "begin", "top"],
  ["1", "one", "single"],
  ["specific", "particular", "certain"],
  ["contain", "include", "includes", "contains"],
  ["sleep", "pause"],
  ["index", "position", "idx"],
  ["maximum", "max", "largest", "highest", "biggest"],
  ["minimum", "smallest", "lowest"],
  ["entire", "whole", "full"],
  ["all", "every", "each"],
  ["multiple", "many", "several", "various"],
  ["duplicate", "dupe", "dup", "repeated"],
  ["unique", "distinct"],
  ["empty", "blank"],
  ["convert", "transform", "turn", "cast", "coerce", "serialize", "stringify"],
  ["install", "add", "insert"],
  ["iterate", "loop", "traverse", "enumerate"],
  ["item", "element", "entry", "member", "items", "elements", "entries", "members", "elem", "elems"],
  ["copy", "clone", "cp"],
  ["undo", "revert", "rollback", "unstage"],
  ["async", "asynchronous", "asynchronously"],
  ["sync", "synchronous", "synchronously"],
  ["timeout", "deadline"],
  ["read", "load", "open", "parse", "ingest"],
  ["write", "save", "store", "persist", "dump"],
  ["column", "col", "cols"],
  ["row", "record"],
  ["url", "link", "uri"],
  ["request", "req"],
  ["response", "res", "resp"],
  ["exist", "present"],
  ["not", "no", "never", "without", "neither", "nor", "cannot", "dont", "doesnt", "isnt", "wont", "nothing", "none"],
  ["regex", "regexp"],
  ["2", "two", "pair", "both"],
  ["3", "three"],
  ["4", "four"],
  ["5", "five"],
  ["6", "six"],
  ["7", "seven"],
  ["8", "eight"],
  ["9", "nine"],
  ["10", "ten"],
  ["0", "zero"],
  ["second", "seconds", "sec", "secs", "s"],
  ["minute", "minutes", "min", "mins"],
  ["hour", "hours", "hr", "hrs", "h"],
  ["millisecond", "milliseconds", "ms"],
  ["megabyte", "mb", "megabytes"],
  ["gigabyte", "gb", "gigabytes"],
  ["kilobyte", "kb", "kilobytes"],
];

/** Grammar words: ignored by the gate (the relational ones are read for direction separately). */
export const FUNCTION_WORDS = new Set(
  ("a an the of in on at for by with into onto as is are was were be been being am do does did doing done " +
    "i me my mine we us our you your it its this that these those there here what which who whom whose when where why how " +
    "can could would should will shall may might must have has had having and or but if then so just also some any " +
    "anything something very too about via using use used through to from than instead vs versus against within inside over " +
    "one's them they their he she his her him whether while up per").split(/\s+/),
);

/** Words that carry no request of their own: politeness, hedges, "best way", "quick question". */
export const FILLER_WORDS = new Set(
  ("please thanks thank advance hi hello hey guys folks question quick wondering wonder know anyone someone somebody " +
    "help need needs want wants wanted trying try tried like way ways best proper properly correct correctly right good " +
    "recommended idiomatic simple simplest easy easiest easily possible able possibly actually really basically just " +
    "exactly simply explain explanation understand describe mean meaning new own " +
    "some kind sort_of example code snippet program approach option options go going thing things stuff " +
    "v eg e g etc ok okay cheers appreciate appreciated tip tips idea ideas happen achieve accomplish " +
    "handle manage deal doing task something somehow please pls plz anybody nice clean cleanly elegant elegantly " +
    "standard usual typical common commonly normal normally generally general" +
    " syntax together tldr short sorry obvious noob newbie beginner curious dumb stupid silly most get item convert").split(/\s+/),
);

/** Head nouns of a context phrase ("in my Flask project"): the phrase is filler when one-sided. */
export const CONTEXT_HEADS = new Set(
  "project projects app application codebase repo repository service services monorepo workspace team company job work".split(" "),
);

/** Words that mark an ordered relation between what precedes and what follows. */
export const RELATIONAL = new Map<string, "forward" | "backward">([
  ["to", "forward"],
  ["into", "forward"],
  ["onto", "forward"],
  ["than", "forward"],
  ["before", "forward"],
  ["over", "forward"],
  ["from", "backward"],
  ["after", "backward"],
]);

/** Prefixes that turn a word into its opposite; such pairs are never typos of each other. */
export const OPPOSING_PREFIXES = ["un", "de", "dis", "in", "im", "non", "re", "a", "anti", "mis", "pre", "post", "sub", "super", "multi", "over", "under"];

/** Multi-word phrases rewritten before tokenising meaning is read. */
export const PHRASES: readonly [RegExp, string][] = [
  [/\bget rid of\b/g, " remove "],
  [/\bin[- ]place\b/g, " inplace "],
  // Narrative filler: how long someone was stuck, who asked, how new they are, thanks and apologies.
  [/\b(?:i(?:'ve| have)? been |i am |i'm )?stuck(?: on this| with this)?(?: for (?:hours|days|ages|a while|a bit|the whole day|a day))?\b/g, " "],
  [/\b(?:any|all) help (?:is |would be |will be )?(?:greatly |much |really )?appreciated\b/g, " "],
  [/\bthanks? (?:you )?(?:so much |a lot |in advance)?\b/g, " "],
  [/\b(?:sorry|apologies) (?:if|for) (?:this is |this |the )?(?:a )?(?:dumb|stupid|silly|basic|noob|newbie|beginner|obvious|simple)? ?question\b/g, " "],
  [/\bthis (?:might|may|could) be a (?:dumb|stupid|silly|basic|noob|newbie|beginner|obvious|simple) question\b/g, " "],
  [/\bi(?:'m| am) (?:a |pretty |very |quite |fairly )?(?:new|beginner|newbie|noob|novice)(?: to (?:this|programming|coding))?\b/g, " "],
  [/\bi (?:googled|searched|looked|checked)(?: it)? (?:everywhere|around|online|for a while|for ages)(?: but (?:i )?(?:can not|could not|did not|do not) (?:find|get|see) (?:it|anything|an answer|a solution))?\b/g, " "],
  [/\bnew to go\b/g, " new to golang "],
  [/\b(?:can|could|would) (?:someone|anyone|somebody|anybody|you) (?:please )?(?:help(?: me)?|explain|tell me|show me)(?: (?:out|with this))?\b/g, " "],
  [/\bplease help\b|\beli5\b|\bin simple terms\b|\bmy (?:boss|manager|team lead|lead|colleague|coworker) (?:asked|wants|told) me\b/g, " "],
  [/\bone of (?:the|my|our|these|those)\b/g, " the "],
  [/\b(?:the|this|that|each|every|which) one\b/g, " "],
  [/\bcommand[- ]line\b/g, " cli "],
  [/\btwo times\b/g, " twice "],
  [/\b(?:make|send|do|perform|issue|fire) (an? |the )?((?:get|post|put|patch|delete|head|http|https|rest|api|web|ajax|xhr|network) )*requests?\b/g, " send $1$2request "],
  [/\ba (?:given|certain)\b/g, " a "],
  [/\bhow many\b/g, " count "],
  [/\b(?:the )?(?:number|amount) of\b/g, " count "],
  [/\bset up\b/g, " setup "],
  [/\blook up\b/g, " lookup "],
  [/\b(?:figure|find) out how to\b/g, " "],
  [/\b(?:figure|find) out\b/g, " get "],
  [/\b(?:real|super|very) quick\b|\bquick one\b|\b(?:hi|hey|hello) (?:all|everyone|there)\b|\bfor work\b/g, " "],
  [/\bmost recent\b/g, " latest "],
  [/\b(?:loop|iterate|go) (?:over|through)\b/g, " iterate "],
  [/\btime out\b/g, " timeout "],
  [/\bquick question\b/g, " "],
  [/\bis there (?:a|any) (?:way|method|function) to\b/g, " "],
  [/\bwhat(?:'s| is) the (?:best|right|proper|correct|recommended|simplest|easiest|cleanest) way to\b/g, " "],
  [/\bthe right way\b/g, " way "],
  [/\bin (?:reverse|descending) order\b/g, " desc "],
  [/\bin ascending order\b/g, " asc "],
  [/\bhighest to lowest\b|\blargest to smallest\b|\bbiggest to smallest\b|\bnewest to oldest\b|\bz to a\b/g, " desc "],
  [/\blowest to highest\b|\bsmallest to largest\b|\bsmallest to biggest\b|\boldest to newest\b|\ba to z\b/g, " asc "],
  [/\bgo about\b/g, " "],
  [/\b(?:tell|show|give) me\b/g, " "],
  [/\bregular expressions?\b/g, " regex "],
  [/\bcheck (?:whether|if)\b/g, " check "],
  [/\bis it possible to\b/g, " "],
  [/\bhow (?:do|can|should|would) (?:i|we|you|one)\b/g, " "],
  [/\bi(?:'m| am) (?:trying|attempting|looking) to\b/g, " "],
  [/\bin (?:the )?(?:go|golang) (?:language|lang)\b|\b(?:in|with|using|for) go\b|\bgo (?:code|program|lang|language|module|modules|routine|routines)\b/g, " golang "],
  [/\bc#/g, " csharp "],
  [/\bf#/g, " fsharp "],
  [/\bc\+\+/g, " cpp "],
  [/\.net\b/g, " dotnet "],
  [/\b([a-z]+)\.js\b/g, " $1 "],
  [/->|→|=>/g, " to "],
  [/\bvs\.?\b/g, " vs "],
];

/**
 * Everyday words of the story around a question ("my team", "accidentally", "yesterday",
 * "a really long array"): they name no tool, value or condition, so the gate may ignore them
 * when they sit outside the question itself.
 */
export const STORY_WORDS = new Set(
  ("laptop computer machine development dev job company appear appears appeared occur occurs happen happens happened accidentally accidental mistakenly mistake oops " +
    "yesterday today tonight tomorrow morning week earlier later recently lately finally wrong weird strange " +
    "team teammate colleague coworker boss manager client customer customers people person someone user users name names " +
    "long really lot lots bunch plenty several some many couple few huge tiny little bit " +
    "work works worked working write writes wrote writing written build builds building built start started starting " +
    "try tries tried trying notice noticed realise realised realize realized think thought guess seem seems seemed " +
    "got gotten curious interested wondering wondered reading learning learned learn figure figured annoying annoyed frustrating stuck keep keeps kept typing typed use uses used " +
    "using thing things stuff everything time times day days point moment part first second then now later again " +
    "process processes processing contain contains containing hold holds holding inside somewhere").split(/\s+/),
);
