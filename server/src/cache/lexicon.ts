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
  ["get", "obtain", "retrieve", "grab", "find", "locate", "access", "lookup", "search", "determine", "compute", "calculate"],
  ["check", "verify", "test", "detect", "tell", "see", "validate", "confirm"],
  ["change", "modify", "alter", "edit", "adjust", "tweak"],
  ["update", "upgrade", "bump", "refresh"],
  ["run", "execute", "launch", "invoke", "call", "exec", "trigger"],
  ["stop", "kill", "terminate", "halt", "finish", "quit", "exit"],
  ["cancel", "abort"],
  ["merge", "combine", "join", "concatenate", "concat", "unite", "fuse", "union"],
  ["split", "divide", "separate", "chunk", "partition", "break"],
  ["show", "display", "view", "print", "output", "render", "echo", "list"],
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
  ["set"],
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
  ["specific", "particular"],
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
    " tldr short sorry obvious noob newbie beginner curious dumb stupid silly most get item convert").split(/\s+/),
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
 * Equivalent wordings of one programming operation or object, rewritten to one concept word
 * before anything else is read: jargon and its plain-English description ("dedupe" / "remove
 * duplicates", "squash" / "combine commits into one", "chown" / "change the owner"), and
 * multi-word names of one thing ("environment variable", "symbolic link"). Each pattern names
 * the operation only; what the question says about numbers, scope, order, negation or
 * constraints stays in the text around it and is still compared. A concept word is an
 * operation for the gate (categories.ts), so two different concepts never match each other.
 */
const ART = "(?:an? |the |my |our |your |this |that |some |all (?:the |my )?|every |each )?";
export const EQUIVALENT_PHRASES: readonly [RegExp, string][] = [
  // Duplicates.
  [new RegExp(`\\b(?:remove|delete|drop|eliminate|strip|filter out|get rid of|discard|throw away|clear out|weed out) ${ART}(?:the )?(?:duplicate[sd]?|dupes?|dups|repeated|redundant|double) ?(?:values?|items?|elements?|entries|entry|members?|copies)?\\b`, "g"), " dedupe "],
  [/\b(?:de-?dup(?:e|licate)?(?:s|d)?|de-?duplicat(?:e|es|ed|ing|ion)|uniq|unique-?ify)\b/g, " dedupe "],
  [/\bdrop_duplicates\b/g, " dedupe "],
  [new RegExp(`\\b(?:keep|get|make|leave) only (?:the )?(?:unique|distinct) (?:values?|items?|elements?|entries)\\b`, "g"), " dedupe "],
  [/\b(?:appear|appears|occur|occurs|show up|shows up|exist|exists|are repeated|is repeated|are present|is present) (?:more than once|multiple times|several times|twice or more|two or more times)\b/g, " are duplicated "],
  // git.
  [/\b(?:squash|combine|merge|collapse|fold|meld) (?:the |my )?((?:last |latest |previous |recent )?(?:\d+ |two |three |four |five |several |multiple |many |a few |a couple of |some )?)(?:of (?:my |the )?)?(?:git )?commits?(?: together)?(?: (?:in|into) (?:a single|one|1|a single one)(?: commit)?)?\b/g, " squash $1commits "],
  [/\bsquash(?:ing|ed)?\b/g, " squash "],
  [/\b(?:stash|shelve|set aside|put aside|put away)(?:e?[sd]|ing)? (?:away )?(?:my |the |all |any )?(?:local |uncommitted |unsaved |pending |current |working )*(?:changes|work|modifications|edits)(?: temporarily| for later| for now)?\b/g, " stash changes "],
  [/\b(?:temporarily )(?:save|store|keep|stash|shelve|set aside|put aside|put away) (?:away )?(?:my |the |all |any )?(?:local |uncommitted |unsaved |pending |current |working )*(?:changes|work|modifications|edits)\b|\b(?:save|store|keep) (?:my |the |all |any )?(?:local |uncommitted |unsaved |pending |current |working )*(?:changes|work|modifications|edits) (?:temporarily|for later|for now|aside)\b/g, " stash changes "],
  [/\b(?:amend|reword)(?: (?:the|my|a))?(?: (?:last|latest|previous|most recent))?(?: git)? commit\b/g, " amend commit "],
  [/\b(?:change|edit|modify|fix|update|correct|rewrite|reword|redo)(?: (?:the|my))?(?: (?:last|latest|previous|most recent)) commit\b/g, " amend commit "],
  [/\b(?:change|edit|modify|fix|update|correct|rewrite|reword)(?: (?:the|my))? (?:commit )?message of (?:the |my )?(?:last|latest|previous|most recent) commit\b/g, " amend commit message "],
  [/\b(?:change|edit|modify|fix|update|correct|rewrite|reword)(?: (?:the|my))? (?:last|latest|previous|most recent) commit(?:s|') message\b/g, " amend commit message "],
  [/\bamend\b/g, " amend "],
  [/\bcherry[- ]?pick(?:ing|ed|s)?\b/g, " cherrypick "],
  [/\b(?:apply|copy|bring|take|pick|port) (?:a |one |the |that |this |just one |just a |a single |only one |one single )?(?:specific |particular |single )?commit (?:from|on|in) (?:another|a different|an other|other|the other|some other) branch(?: (?:onto|into|to) (?:mine|my branch|the current branch|my current branch|this branch))?\b/g, " cherrypick commit "],
  [/\bcherrypick (?:an? |the |one )?(?:commit )?(?:from|on|in) (?:another|a different|an other|other|the other|some other) branch(?: (?:onto|into|to) (?:mine|my branch|the current branch|my current branch|this branch))?/g, " cherrypick commit "],
  [/\b(?:undo|revert|reverse|cancel) (?:a |the |my )?git add\b|\bremove (?:a |the )?(?:file |files )?from (?:the )?(?:staging(?: area)?|index)\b|\bun-?stage\b/g, " unstage "],
  [/\b(?:hard reset|reset --hard|reset hard|(?:discard|throw away|throw out|drop|get rid of|remove|undo|lose|wipe out|wipe) (?:all )?(?:of )?(?:my |the )?(?:local |uncommitted |unsaved |working |current |pending )*changes)\b/g, " discardchanges "],
  [/\breset (?:it |everything |the branch |my branch )?(?:back )?to (?:the )?(?:last|latest|head|most recent) commit\b/g, " discardchanges "],
  [/\b(?:the )?(?:log|history) of (?:the |my |all )?commits\b|\bcommit (?:log|history)\b|\bgit log\b/g, " git history "],
  [/\b(?:see|show|view|list) (?:the )?(?:differences|what (?:is|was) different|what changed|changes) between\b/g, " diff "],
  [/\bgit diff\b/g, " git diff "],
  [/\b(?:and )?(?:show|see|list|find) what (?:changed|is different|differs)\b|\bcompare (?=(?:two |the |my |both )?(?:branches|commits|files|directories|folders)\b)/g, " diff "],
  [/\bforce[- ]push(?:ing|ed)?\b|\bpush (?:with )?(?:--force|-f|force)\b/g, " forcepush "],
  [/\b(?:pull|merge) requests?\b|\bprs?\b|\bmrs?\b/g, " pullrequest "],
  [/\bshallow clone\b|\bclone (?:a |the )?(?:git )?(?:repo|repository) with only (?:the )?(?:latest|last|most recent|recent) (?:history|commit|commits)\b/g, " shallowclone "],
  // Shell and files.
  [/\bchmod \+x\b|\bmake (?:a |the |my |this )?(?:shell |bash |python )?(script|file) executable\b/g, " chmod $1 executable "],
  [/\b(?:change|modify|set|alter|update|switch) (?:the )?(?:owner|ownership)(?: of)?\b|\b(?:change|modify|set|alter|switch) which user owns\b|\bchown\b/g, " chown "],
  [/\b(?:change|modify|set|alter|update) (?:the )?(?:file )?permissions?(?: of| on)?\b|\bchmod\b/g, " chmod "],
  [/\b(?:symbolic|soft|sym) ?links?\b|\bsymlinks?\b|\bln -s\b/g, " symlink "],
  [/\b(?:create|make|add) (?:an? )?symlink\b/g, " symlink "],
  [/\bhard ?links?\b/g, " hardlink "],
  [/\btail -f\b|\b(?:follow|watch|monitor|stream) (?:an? |the )?(?:log|logfile|log file|file)(?: file)? (?:as (?:it grows|new lines (?:are|get) (?:written|added|appended)|it is (?:written|updated))|in real[- ]?time|live)\b/g, " tailfollow log "],
  [/\blog ?files?\b/g, " log "],
  [/\bmkdir -p\b/g, " create directory withparents "],
  [/\bmkdir\b/g, " create directory "],
  [/\b(?:with|and|including) (?:any |all |the )?(?:missing |intermediate |necessary |needed )?(?:parent|intermediate) (?:directories|dirs|folders)(?: (?:too|as well|if needed))?\b|\bwith parents\b/g, " withparents "],
  [/\b(?:and|with|including) (?:everything|all (?:the )?files|all (?:its |the )?(?:subfolders|subdirectories|contents)|its contents|all of its contents|the contents|whatever is) (?:inside|in|under|within)?(?: (?:it|them))?\b|\band (?:its |all )?(?:subfolders|subdirectories|sub-?directories|sub-?folders)\b/g, " recursively "],
  [/\brmdir\b|\brm -rf?\b/g, " remove directory "],
  [/\bdry[- ]?run\b|\b(?:see|show|check|preview) what (?:would|will) (?:be \w+|happen)(?: without (?:actually )?\w+(?: (?:it|anything|them))?)?\b/g, " dryrun "],
  [/\b(?:current )?working director(?:y|ies)\b|\bcurrent (?:director(?:y|ies)|folder)\b|\bcwd\b/g, " cwd "],
  [/\b(?:change|switch|move)(?:\s+the)?\s+cwd\b|\bcd (?:in)?to (?:an? |the )?(?:directory|folder|dir)\b|\bcd(?: into)?\b|\bchange (?:the )?director(?:y|ies)\b|\b(?:change|switch|move) (?:in)?to (?:an?|the|another|other|a different) (?:directory|folder|dir)\b/g, " chdir "],
  [/\b(?:pid|process id|process identifier)s?\b/g, " pid "],
  [/\b(?:process|program|application|app|thing|service)(?: that is| that\'s| which is)? (?:using|listening on|running on|bound to|occupying|holding|on|blocking|taking)(?: the)? port\b/g, " process port "],
  // Python / JavaScript idioms.
  [/\bpretty[- ]?print(?:ing|ed|s)?\b|\bprint (?:it |them )?(?:out )?(?:in a |with )?(?:nice(?:ly)?|human[- ]readable|readable|indented|formatted)(?:,? (?:indented|formatted|readable))*(?: way| format| form)?\b|\b(?:print|show|display|output) (\w+ )?with (?:indentation|indents|line breaks)\b/g, " prettyprint $1"],
  [/\bjson\.stringify\b|\bstringify\b|\b(?:to|into|as) (?:a |an )?json(?: string| text)?\b|\bserialize (?:it )?(?:to|as) json\b/g, " tojson "],
  [/\bjson\.parse\b|\bparse (?:an? |the )?json(?: string| text)?\b|\bfrom (?:an? |the )?json(?: string| text)?\b|\ba json string into\b/g, " fromjson "],
  [/\b(?:url|percent)[- ]?encod(?:e|es|ed|ing)\b|\bencode (?:\w+ )?(?:for (?:use in )?(?:an? )?url|in (?:a |the )?url)\b/g, " urlencode "],
  [/\b(?:url|percent)[- ]?decod(?:e|es|ed|ing)\b/g, " urldecode "],
  [/\bmemoi[sz](?:e|es|ed|ing|ation)\b|\bcache (?:the )?(?:results?|return values?|outputs?|return) (?:of|from) (?:a |the |my )?function(?: calls?)?\b/g, " memoize function "],
  [/\bdebounc(?:e|es|ed|ing)\b|\bdelay (?:calling |running )?(?:the |a |my )?(\w+ )?(?:handler |function |callback )?until (?:the )?user (?:stops|has stopped|finishes) typing\b/g, " debounce $1"],
  [/\bthrottl(?:e|es|ed|ing)\b/g, " throttle "],
  [/\blazy[- ]?load(?:ing|ed|s)?\b|\blazily load\b|\bload (\w+ )?only when (?:they|it|the \w+) (?:scroll|come|comes|are scrolled|is scrolled) into (?:view|the viewport)\b|\bonly load (\w+ )?when (?:they|it) (?:scroll|come|comes|are scrolled|is scrolled|become visible|are visible)(?: into (?:view|the viewport))?\b/g, " lazyload $1$2"],
  [/\bload (?:an? |the |my )?(\w+ )?only (?:when|if) (?:it is|they are|it gets|they get) (?:needed|required|used|requested|rendered|visible|shown)\b/g, " lazyload $1"],
  [/\bdeep[- ]?(?:copy|clone|copies|copying|cloning)\b|\b(?:copy|clone) (?:an? |the )?(\w+ )?(?:including|with) (?:all )?(?:its )?(?:nested|inner) (?:objects|values|properties|fields)\b/g, " deepcopy $1"],
  [/\bshallow[- ]?(?:copy|clone|copies|copying|cloning)\b/g, " shallowcopy "],
  [/\b(?:a |the )?lists? of lists\b|\b(?:a |the )?arrays? of arrays\b|\b2d (list|array)s?\b/g, " nested list "],
  [/\b(?:turn|convert|make|transform|change|reduce) (?:a |the )?nested (?:list|array)s? (?:into|to) (?:a |one )?(?:single |one )?(?:flat|1d|one[- ]dimensional) (?:list|array)\b/g, " flatten nested list "],
  [/\bswap (?:the )?rows and columns\b|\bswitch (?:the )?rows and columns\b|\bturn (?:the )?rows into columns\b|\btranspos(?:e|es|ed|ing)\b/g, " transpose "],
  [/\b(?:f[- ]?strings?|formatted string literals?|template (?:literals?|strings?)|string interpolation|interpolate (?:a |the )?(?:variables?|values?) (?:in|into) (?:a |the )?string)\b/g, " interpolation "],
  [/\blist comprehensions?\b/g, " listcomprehension "],
  [/\b(?:(?:write|use|create|make|do) (?:an? |the )?)?(?:ternary|conditional (?:operator|expression)|inline if(?:[- ]else)?|one[- ]line if(?:[- ]else)?)(?: expression| statement)?\b/g, " ternary "],
  [/\bnull(?:ish)?[- ]coalescing\b|(?:^|\s)\?\?(?=\s)/g, " nullcoalesce "],
  [/\boptional chaining\b|(?:^|\s)\?\.(?=\s)/g, " optionalchain "],
  [/\b(?:destructur(?:e|ing|ed)|unpack(?:ing)?)\b/g, " destructure "],
  [/\b(?:spread(?: operator| syntax)?)\b/g, " spread "],
  [/\b(?:kwargs|keyword arguments?|named arguments?)\b/g, " kwargs "],
  [/\binsert (?:an? |the )?(\w+ )?or update (?:it|them)?(?: if (?:it|they) (?:already )?exists?)?\b|\b(?:update (?:an? |the )?(\w+ )?(?:if (?:it|they) exists?,? )?(?:or|otherwise|else) insert(?: it| one)?)\b/g, " upsert $1$2"],
  [/\b(?:upsert(?:s|ed|ing)?|insert or update|update or insert|insert (?:\w+ )?(?:if|when) (?:it )?(?:does not exist|is missing|not exists)(?:,? (?:or|otherwise|else) update(?: it)?)?)\b/g, " upsert "],
  [/\b(?:nan|nans|null|nulls|na|missing|empty|blank|none) (?:values?|data|entries|cells)\b|\bnans?\b/g, " missingvalues "],
  [/\b(?:a |the )?categorical (?=(?:column|variable|feature)s?\b)/g, " "],
  [/\b(?:one[- ]hot[- ]encod(?:e|ing)|dummy variables|get_dummies)\b/g, " onehot "],
  [/\b(?:standard output)\b/g, " stdout "],
  [/\b(?:standard error)\b/g, " stderr "],
  [/\b(?:standard input)\b/g, " stdin "],
  [/\b(?:uuids?|guids?|universally unique (?:id|identifier)s?)\b/g, " uuid "],
  [/\b(?:unix )?(?:timestamps?|epoch time|unix time)\b/g, " timestamp "],
  [/\bdate ?and ?time\b|\bdate ?times?\b/g, " datetime "],
  [/\b(?:sub-?strings?|another string|other string|a shorter string)\b/g, " substring "],
  [/\b(?:capitali[sz](?:e|es|ed|ing)|(?:make|convert|turn|change|set) (?:the )?first (?:letter|character|char) (?:of (?:a |the |each |every )?(?:string|word) )?(?:to |into )?(?:upper ?case|capital|a capital(?: letter)?|uppercase)|upper ?case (?:the )?first (?:letter|character|char))\b/g, " capitalize "],
  [/\bwhite ?spaces?\b|\bspaces and tabs\b/g, " whitespace "],
  [/\b(?:the )?names? of (?=(?:all |every |each |the )?(?:files?|folders?|director(?:y|ies)|branch(?:es)?|columns?|keys?|tables?)\b)/g, " "],
  [/\b(?:file ?names?)\b/g, " filename "],
  [/\bchange (?:the )?name of\b|\bgive (?:it|them|\w+) (?:a )?(?:new|different) name\b|\brenam(?:e|es|ed|ing)\b/g, " rename "],
  [/\b(?:iterate|loop|go|read|run) (?:over|through) (?:the |each |every |all )?lines? (?:of|in) (?:a |the )?file\b|\bread (?:a |the )?file line by line\b|\bread (?:a |the )?file one line at a time\b/g, " read file line by line "],
  [/\bduplicate (a|the|this|my) (file|folder|directory|row|line|tab|array|list|object|dict|dictionary)\b/g, " copy $1 $2 "],
  [/\b(?:pause|suspend|halt|block) (?:the )?(?:execution|program|script|thread|code)(?: for)?\b/g, " sleep "],
  [/\b(?:make|have|let) (?:the |my |a |this )?(\w+ )?(?:script|program|code|thread|function) (?:wait|sleep|pause)(?: for)?\b|\bwait for (?=(?:\d+|one|two|three|five|ten|a few|a|half a) (?:seconds?|secs?|ms|milliseconds?|minutes?)\b)/g, " $1 sleep "],
  [/\b(?:add|put|insert|push) (?:an? |the |one |new )?(?:item|element|value|entry|object|number|string) (?:to|at|onto) the end of\b/g, " append to "],
  [/\b(?:clear|remove|delete) (?:all )?(?:the )?(?:items|elements|entries|values|contents) (?:from|of|in)\b/g, " clearall "],
  [/\b(?:empty|clear) (?=(?:an?|the|my|this|that|your|our) )/g, " clearall "],
  [/\b(?:exit|quit|close|leave|get out of)\b(?= (?:vim|vi|nano|emacs|less|the editor))/g, " exit "],
  [/\b(?:pip freeze|freeze (?:the |my )?(?:dependencies|deps|packages|requirements))\b|\b(?:save|write|export|dump|list) (?:the |my |all )?(?:installed )?(?:packages|dependencies|deps) (?:to|into|in) (?:a )?requirements(?:\.txt)?\b/g, " pipfreeze requirements "],
  [/\b(?:left|right|inner|outer|full|cross) join\b/g, " $& "],
  [/\b(?:has|have|contains?) no (?:elements|items|entries|values|members|keys|rows|characters|chars|lines|data)\b/g, " is empty "],
  [/(?:^|\s)go(?=\s*:)/g, " golang "],
  [/\b(?:that|which) (?:contain|contains|have|has|include|includes)\b/g, " with "],
  [/\bselect (?=(?:distinct|unique|rows?|columns?|records?|values?)\b)/g, " get "],
  [/\b(?:change|modify|update|edit|alter|set) (?:an? |the |my |its )?(\w+ )?names?\b/g, " rename $1"],
  [/\b(?:list|show|display|print|view) (?:all|every|each) (?:of )?(?:the |my )?/g, " list the "],
  [/\bvirtual ?env(?:ironment)?s?\b|\bvirtualenvs?\b|\bvenvs?\b/g, " venv "],
  [/\b(?:flip|turn|write|print|read|put) (a |the |my )?(\w+ )?(?:backwards?|around|in reverse)\b/g, " reverse $1$2"],
  [/\b(?:switch|change|move|go|jump)(?: over)? to (?:an? |the )?(?:another |different |other )?(?:git )?branch\b|\bcheck ?out (?:an? |the )?(?:another |different |other )?(?:git )?branch\b/g, " checkout branch "],
  [/\bhow much (?:disk )?space (?:does|do|is) (a |the |my )?(\w+ )(?:use|using|take up|taking up|take|taking|occupy|occupying)\b|\bdisk usage of\b/g, " size of $1$2"],
  [/\bhow big (?:is )?(a |the |my )?(\w+ )(?:is|are)?\b/g, " size of $1$2"],
  [/\b(?:measure|time|get|check|find|see) how long (a |the |my )?(\w+ )?(?:takes|runs|lasts)(?: to (?:run|execute|complete|finish))?\b|\b(?:measure|get|calculate|check|find|time) (?:the )?(?:execution|running|run|elapsed|wall) time (?:of|for)\b/g, " measure runtime $1$2"],
  [/\b(?:pipe|send|feed|pass|redirect) (?:the |a |my )?(\w+ )?output (?:of (?:a |the )?command )?(?:to|into) (?=grep|sed|awk|less|head|tail|sort|wc|another command|a command|xargs|jq)/g, " pipeinto "],
  [/\b(?:send|write|save|dump|put|direct|redirect) (?:the )?(stdout|stderr|output|standard output|standard error) (?:to|into) (an? |the )?file\b/g, " redirect $1 to file "],
  [/\bpipe (?:the |a |my )?(\w+ )?(?:output )?(?:to|into)\b/g, " pipeinto "],
  [/\b(?:push and |push to )?overwrite (?:the )?remote(?: branch| history| repo| repository)?\b/g, " forcepush "],
  [/\breplay (?:my |the |our )?(branch |feature branch )?commits (?:on top of|onto)\b/g, " rebase $1onto "],
  [/\b(?:url[- ]friendly|url[- ]safe|seo[- ]friendly) (?:slug|string|version)\b|\bslug(?:ify|ified|ifying)?\b/g, " slugify "],
  [/\bssh (?:in)?to (?:an? |the |my |your )?(?:remote )?(server|host|machine|box|vm|instance)\b/g, " ssh $1 "],
  [/\b(?:connect|log ?in|login|sign in) (?:in)?to (?:an? |the |my |your )?(?:remote )?(server|host|machine|box|vm|instance) (?:over|via|using|with|through) ssh\b/g, " ssh $1 "],
  [/\bstop tracking\b/g, " untrack "],
  [/\buntrack (a |the |my )?(\w+ )?(?:without (?:deleting|removing) (?:it|them)(?: from disk| locally)?|but keep (?:it|them)(?: on disk| locally)?)/g, " untrack $1$2"],
  [/\b(?:find|see|show|check|know|get) (?:out )?who (?:last )?(?:changed|modified|edited|wrote|touched|authored)\b|\bgit blame\b/g, " blame "],
  [/\bbisect (?:to find (?:a |the )?(?:bad|broken|faulty|buggy) commit)?|\bfind (?:out )?(?:which|what|the) commit (?:that )?(?:introduced|caused|broke|added) (?:a |the )?(?:bug|regression|problem|issue|break)\b/g, " bisect "],
  [/\bparse (?:a |the )?(string|str|text) (?:in)?to (an? )?(int|integer|number|float|decimal)\b/g, " convert a $1 to $2$3 "],
];

/** Concept words the phrases above produce: each names one operation or object. */
export const CONCEPT_WORDS = [
  "dedupe", "squash", "stash", "amend", "cherrypick", "unstage", "discardchanges", "diff", "forcepush", "pullrequest",
  "shallowclone", "executable", "chown", "chmod", "symlink", "hardlink", "tailfollow", "dryrun", "cwd", "chdir", "pid",
  "prettyprint", "tojson", "fromjson", "urlencode", "urldecode", "memoize", "debounce", "throttle", "lazyload", "deepcopy",
  "shallowcopy", "nested", "flatten", "transpose", "interpolation", "listcomprehension", "ternary", "nullcoalesce",
  "optionalchain", "destructure", "spread", "kwargs", "upsert", "missingvalues", "onehot", "uuid", "timestamp", "datetime",
  "substring", "capitalize", "whitespace", "filename", "rename", "append", "clearall", "pipfreeze", "withparents", "recursively", "venv", "checkout", "runtime", "pipeinto", "redirect", "rebase", "slugify", "ssh", "untrack", "blame", "bisect",
];

/**
 * Everyday words of the story around a question ("my team", "accidentally", "yesterday",
 * "a really long array"): they name no tool, value or condition, so the gate may ignore them
 * when they sit outside the question itself.
 */
export const STORY_WORDS = new Set(
  ("appear appears appeared occur occurs happen happens happened accidentally accidental mistakenly mistake oops " +
    "yesterday today tonight tomorrow morning week earlier later recently lately finally wrong weird strange " +
    "team teammate colleague coworker boss manager client customer customers people person someone user users name names " +
    "long really lot lots bunch plenty several some many couple few huge tiny little bit " +
    "work works worked working write writes wrote writing written build builds building built start started starting " +
    "try tries tried trying notice noticed realise realised realize realized think thought guess seem seems seemed " +
    "got gotten curious interested wondering wondered reading learning learned learn figure figured annoying annoyed frustrating stuck keep keeps kept typing typed use uses used " +
    "using thing things stuff everything time times day days point moment part first second then now later again " +
    "process processes processing contain contains containing hold holds holding inside somewhere").split(/\s+/),
);
