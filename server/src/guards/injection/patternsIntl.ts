/**
 * Injection patterns in Spanish, German, French, Portuguese, Russian, Chinese and Japanese:
 * override, persona and system-prompt exfiltration, plus instructions addressed to an AI
 * reader. They run on the NFKC view (real Cyrillic and CJK text intact), lower-cased.
 */
import { compile, type InjectionPattern } from "./patterns";

export const INTL_PATTERNS: InjectionPattern[] = [
  compile("es.override", "override", 0.8, ["ignor", "olvid", "omit", "descart", "haz caso"],
    `\\b(?:ignora|ignore|ignoren|ignorar|olvida|olvide|olviden|olvidar|omite|descarta|no hagas caso (?:a|de)) (?:todas |todos |cualquier )?(?:las |los |tus |sus )?(?:instrucciones|reglas|indicaciones|directrices|órdenes|ordenes|restricciones)(?: (?:anteriores|previas|del sistema|originales))?|\\b(?:olvida|ignora|olvide|ignore) (?:todo )?lo (?:anterior|que te dijeron)`, "es"),
  compile("es.exfil", "exfiltration", 0.75, ["prompt", "instrucciones", "mensaje"], `\\b(?:revela|muestra|muéstrame|muestrame|imprime|dime|repite|escribe) (?:tu|tus|el|las) (?:prompt|mensaje|instrucciones)(?: (?:del|de) sistema| ocultas| iniciales| originales)`, "es"),
  compile("es.persona", "persona", 0.7, ["sin restricciones", "sin límites", "sin limites", "sin filtros", "sin censura", "sin ética", "sin etica", "sin moral"], `\\b(?:actúa|actua|compórtate|finge|eres|serás|responde)[^\\n]{0,60}sin (?:ninguna )?(?:restricciones|límites|limites|filtros|censura|reglas|ética|etica|moral)`, "es"),
  compile("de.override", "override", 0.8, ["ignorier", "vergiss", "missachte", "übergehe"],
    `\\b(?:ignoriere|ignorieren sie|ignorier|vergiss|vergessen sie|missachte|übergehe) (?:alle |sämtliche |jegliche )?(?:deine |ihre |die )?(?:vorherigen |bisherigen |obigen |vorigen |früheren |ursprünglichen )?(?:anweisungen|instruktionen|befehle|regeln|vorgaben|richtlinien|systemanweisungen)`, "de"),
  compile("de.exfil", "exfiltration", 0.75, ["prompt", "anweisungen", "systemnachricht"], `\\b(?:zeige|zeig|gib|nenne|verrate|wiederhole|drucke)(?: mir)? (?:deinen|deine|den|die|ihren|ihre) (?:system-?prompt|systemanweisungen|systemnachricht|versteckten anweisungen|ursprünglichen anweisungen)`, "de"),
  compile("de.persona", "persona", 0.7, ["einschränkung", "regeln", "filter", "zensur"], `\\b(?:du bist|handle als|tu so|verhalte dich|antworte)[^\\n]{0,60}(?:ohne (?:jegliche |alle |irgendwelche )?(?:einschränkungen|regeln|filter|zensur|grenzen))`, "de"),
  compile("de.persona-now", "persona", 0.7, ["keine", "du bist jetzt", "du bist nun"], `\\bdu bist (?:jetzt|nun|ab sofort) (?:dan|\\w{0,12}gpt|eine? ki ohne)|\\b(?:hast|gibt es) (?:jetzt |nun )?keine (?:regeln|einschränkungen|grenzen|filter|richtlinien) mehr`, "de"),
  compile("fr.override", "override", 0.8, ["ignor", "oubli", "fais abstraction"],
    `\\b(?:ignore|ignorez|ignorer|oublie|oubliez|oublier|fais abstraction de|faites abstraction de) (?:toutes |tous )?(?:les |tes |vos |ces )?(?:instructions|règles|regles|consignes|directives|ordres)(?: (?:précédentes|precedentes|antérieures|anterieures|initiales|du système|du systeme|ci-dessus))?`, "fr"),
  compile("fr.exfil", "exfiltration", 0.75, ["prompt", "instructions", "message"], `\\b(?:révèle|revele|révélez|montre|montrez|affiche|affichez|donne|donnez|répète|repete|répétez)(?:-moi)? (?:ton|votre|le|tes|vos|les) (?:prompt|message|instructions|consignes)(?: (?:système|systeme|du système|du systeme|cachées|cachees|initiales|d'origine))`, "fr"),
  compile("fr.persona", "persona", 0.7, ["sans restriction", "sans limite", "sans filtre", "sans censure", "sans règle"], `\\b(?:tu es|agis|fais comme si|comporte-toi|réponds|reponds|vous êtes)[^\\n]{0,60}sans (?:aucune |aucun )?(?:restrictions?|limites?|filtres?|censure|règles?|regles?)`, "fr"),
  compile("pt.override", "override", 0.8, ["ignor", "esqueç", "esquec", "desconsider"],
    `\\b(?:ignore|ignora|ignorem|ignorar|esqueça|esqueca|esqueçam|desconsidere|desconsidera) (?:todas |todos |quaisquer )?(?:as |os |suas |tuas )?(?:instruções|instrucoes|regras|diretrizes|ordens|orientações)(?: (?:anteriores|prévias|previas|do sistema|originais))?`, "pt"),
  compile("pt.exfil", "exfiltration", 0.75, ["prompt", "instru", "mensagem"], `\\b(?:revele|revela|mostre|mostra|imprima|diga|repita|exiba) (?:seu|o|suas|as|teu) (?:prompt|mensagem|instruções|instrucoes)(?: (?:do sistema|ocultas|iniciais|originais))`, "pt"),
  compile("pt.persona", "persona", 0.7, ["sem restrições", "sem restricoes", "sem limites", "sem filtros", "sem censura"], `\\b(?:aja|atue|finja|você é|voce e|responda|seja)[^\\n]{0,60}sem (?:nenhuma |quaisquer )?(?:restrições|restricoes|limites|filtros|censura|regras)`, "pt"),
  compile("ru.override", "override", 0.8, ["игнорир", "забудь", "забудьте", "не обращай", "отбрось"],
    `(?:игнорируй|игнорируйте|проигнорируй|забудь|забудьте|не обращай внимания на|отбрось) (?:все |всё |любые )?(?:предыдущие |прежние |свои |твои |системные |изначальные |вышеуказанные )?(?:инструкции|указания|правила|команды|ограничения|директивы)`, "ru"),
  compile("ru.no-longer", "override", 0.6, ["больше не"], `ты больше не (?:ассистент|помощник|ии|бот|модель|обязан|ограничен)`, "ru"),
  compile("ru.exfil", "exfiltration", 0.75, ["промпт", "инструкц", "сообщение"], `(?:покажи|выведи|раскрой|напиши|повтори|скажи)(?: мне)? (?:свой |свои |твой |твои |системный |системные |скрытые )+(?:промпт|инструкции|сообщение)`, "ru"),
  compile("ru.persona", "persona", 0.7, ["без ограничений", "без правил", "без фильтров", "без цензуры"], `(?:ты|теперь ты|веди себя|притворись|отвечай|действуй)[^\\n]{0,60}без (?:каких-либо |любых )?(?:ограничений|правил|фильтров|цензуры)`, "ru"),
  compile("zh.override", "override", 0.8, ["忽略", "忽视", "无视", "忘记", "不要遵守", "忘掉"],
    `(?:忽略|忽视|无视|忘记|忘掉|不要遵守|不要理会)(?:之前|以前|上面|以上|前面|先前|上述|上文|前述|此前|所有|全部|你的|系统)?(?:的)?(?:所有|全部)?(?:的)?(?:指令|指示|说明|规则|提示|命令|限制|设定)`, "zh"),
  compile("zh.exfil", "exfiltration", 0.75, ["系统提示", "提示词", "指令", "密码", "密钥"], `(?:显示|输出|告诉我|透露|泄露|打印|重复|给我看)(?:一下)?(?:你的)?(?:系统提示(?:词)?|初始提示|隐藏指令|原始指令|提示词|管理员密码|密码|密钥|api ?key)`, "zh"),
  compile("zh.persona", "persona", 0.7, ["没有任何限制", "不受任何限制", "没有限制", "无限制", "不受限制"], `(?:你现在是|你是|扮演|假装)[^\\n]{0,30}(?:没有任何限制|不受任何限制|没有限制|无限制|不受限制)`, "zh"),
  compile("ja.override", "override", 0.8, ["無視", "忘れ"],
    `(?:(?:以前|前|上記|これまで|今まで|すべて|全て)の)?(?:指示|命令|指令|ルール|制約|設定)(?:を|は)(?:すべて|全て)?(?:無視|忘れ)`, "ja"),
  compile("ja.exfil", "exfiltration", 0.75, ["システムプロンプト", "プロンプト", "指示"], `(?:システムプロンプト|初期プロンプト|隠された指示|元の指示)(?:を|の内容を)(?:表示|教えて|出力|見せて|開示|繰り返)`, "ja"),
  compile("ja.persona", "persona", 0.7, ["制限", "制約"], `(?:あなたは|今から|これから)[^\\n]{0,30}(?:制限のない|制限なし|制約のない|何の制限もない)`, "ja"),
  compile("intl.ai-addressed", "ai-addressed", 0.75, ["ia", "ki", "ии", "ai"], `(?:^|[^\\p{L}])(?:ia|ki|ии|ai|인공지능|人工智能|ａｉ)\\s{0,2}[:：,]\\s{0,3}(?:ignora|ignoriere|ignore|ignorez|игнорируй|请忽略|忽略|無視|informa|recomienda|empfiehl|recommande|recomende|сообщи|回答|报告)`, "intl"),
];
