/**
 * The categories of difference the policy (shared/specs/cache.md) says change an answer:
 * negation, numbers and units, versions, languages and runtimes, libraries and tools, OS,
 * direction, order, scope, added constraints, and the operation asked for. A word of one of
 * these lists that appears on one side only makes the intent gate refuse. Words in none of
 * them (the wording of a paraphrase: "editor", "terminal", "contents") are left to
 * similarity, within the limits the gate sets for swaps and constraint phrases.
 */

import { CONCEPT_WORDS } from "./equivalences";

export type Category =
  | "negation" | "number" | "version" | "language" | "library" | "os" | "direction" | "order" | "scope" | "constraint" | "operation";

const LISTS: Record<Category, string> = {
  negation:
    "not no never without neither nor none nothing non disable disabled enable enabled allow allowed deny denied block unblock " +
    "hide hidden show visible invisible exclude required optional mandatory ignore ignored keep skip prevent avoid " +
    "track untrack untracked unset unsafe safe strict lenient fail succeed success failed accept reject valid invalid " +
    "true false on off yes mutable immutable readonly writable public private",
  number:
    "once twice thrice double triple half quarter dozen hundred thousand million billion percent byte bytes bit bits kb mb gb tb " +
    "millisecond second minute hour day week month year daily hourly weekly monthly yearly decimal decimals digit digits " +
    "kilobyte megabyte gigabyte terabyte ms ns us px em rem pt dpi fps hz khz mhz ghz utc gmt epoch",
  version:
    "version versions v legacy deprecated old new newer older latest beta alpha lts stable nightly canary edition release " +
    "pages app router hooks class classic modern es5 es6 es2015 esm cjs commonjs py2 py3",
  language:
    "python javascript typescript java kotlin swift golang go rust ruby php perl lua csharp fsharp cpp c r scala haskell elixir " +
    "erlang clojure dart julia matlab bash zsh fish powershell pwsh sh shell cmd batch sql plsql tsql html css scss sass less " +
    "objective objc groovy ocaml nim zig crystal fortran cobol pascal delphi vb vba vbscript assembly asm wasm webassembly " +
    "solidity node deno bun jvm graalvm pypy cpython jython jsx tsx json yaml yml toml xml csv markdown latex regex awk sed " +
    "jq makefile cmake gradle maven",
  library:
    "react vue angular svelte solid preact ember backbone jquery next nuxt remix gatsby astro vite webpack rollup parcel esbuild " +
    "babel swc turbopack express koa fastify hapi nest nestjs django flask fastapi starlette tornado pyramid bottle rails " +
    "sinatra laravel symfony spring springboot quarkus micronaut ktor gin echo fiber actix rocket axum tokio asp aspnet blazor " +
    "pandas numpy scipy polars matplotlib seaborn plotly bokeh sklearn scikit tensorflow keras pytorch torch jax xgboost lightgbm " +
    "huggingface transformers langchain llamaindex openai anthropic pydantic marshmallow attrs dataclasses sqlalchemy alembic " +
    "peewee prisma typeorm sequelize mongoose knex drizzle hibernate jpa gorm diesel ecto activerecord redux zustand mobx recoil " +
    "jotai rxjs lodash underscore ramda moment dayjs luxon axios got fetch superagent requests httpx aiohttp urllib urllib3 " +
    "beautifulsoup bs4 scrapy selenium playwright puppeteer cypress jest vitest mocha chai jasmine karma ava pytest unittest " +
    "nose hypothesis rspec minitest junit testng mockito sinon enzyme storybook tailwind bootstrap bulma mui chakra antd " +
    "styled emotion sass zod yup joi ajv celery rq dramatiq kafka rabbitmq zeromq grpc graphql apollo relay trpc socket " +
    "websocket websockets boto3 botocore pillow pil opencv cv2 ffmpeg imagemagick click typer argparse docopt fire rich tqdm " +
    "loguru logging winston pino bunyan dotenv nodemon pm2 forever gunicorn uvicorn uwsgi nginx apache caddy traefik haproxy " +
    "docker podman compose kubernetes helm terraform ansible puppet chef vagrant packer pulumi git svn mercurial hg github " +
    "gitlab bitbucket jenkins circleci travis npm yarn pnpm pip pipenv poetry conda mamba virtualenv venv pyenv nvm rbenv " +
    "rvm cargo rustup bundler gem composer nuget homebrew brew apt yum dnf pacman snap flatpak choco winget vscode vim neovim " +
    "emacs intellij pycharm eclipse xcode jupyter colab excel sheets postgres mysql mariadb sqlite mongodb redis memcached " +
    "cassandra dynamodb elasticsearch opensearch solr neo4j couchdb influxdb clickhouse snowflake bigquery redshift oracle " +
    "mssql sqlserver supabase firebase firestore aws s3 ec2 lambda gcp gcs azure vercel netlify heroku cloudflare digitalocean " +
    "stripe twilio sendgrid slack discord jwt oauth openid saml ldap ssh scp rsync sftp ftp curl wget tar gzip zip rar 7z " +
    "systemd cron crontab tmux screen grep ripgrep rg find xargs chmod chown sudo ufw iptables openssl gpg letsencrypt certbot " +
    "electron tauri flutter reactnative expo ionic capacitor cordova qt gtk tkinter pyqt wx unity unreal godot pygame " +
    "three threejs d3 chartjs leaflet mapbox spark hadoop airflow dbt prefect dagster mlflow ray dask numba cython",
  os:
    "windows macos linux ubuntu debian fedora centos rhel redhat arch alpine mint manjaro opensuse suse freebsd openbsd netbsd " +
    "ios android wsl unix chromeos raspbian raspberry gentoo kali nixos mac osx darwin win32 win64 x86 x64 arm arm64 amd64 m1 m2",
  direction:
    "encode decode serialize deserialize import export upload download push pull send receive encrypt decrypt compress " +
    "decompress extract zip unzip pack unpack inbound outbound incoming outgoing input output from into onto marshal unmarshal " +
    "pickle unpickle mount unmount attach detach lock unlock connect disconnect subscribe unsubscribe install uninstall " +
    "increase decrease increment decrement expand collapse minimize maximize zoom stage unstage add remove open close start " +
    "stop begin end enter leave sender receiver source destination src dest target upstream downstream incoming forward " +
    "backward inverse invert undo redo wrap unwrap escape unescape quote unquote flatten nest group ungroup pivot unpivot " +
    "melt stack unstack split merge join",
  order:
    "asc desc ascending descending first last top bottom prepend append before after newest oldest earliest latest largest " +
    "smallest biggest highest lowest reverse reversed previous next head tail front back leading trailing higher lower " +
    "increasing decreasing min max minimum maximum older newer earlier later beginning start end prefix suffix left right",
  scope:
    "local remote global globally locally row rows column columns key keys value values image images container containers " +
    "volume volumes network networks width height horizontal horizontally vertical vertically server client request response " +
    "header headers body frontend backend stdout stderr stdin upper lower uppercase lowercase file files directory folder " +
    "subdirectory subfolder table tables database schema tag tags branch branches commit commits staged unstaged working tree " +
    "index user users group groups system process processes parent child children thread threads font background margin " +
    "padding border mean median sum average mode total single all every each both whole entire partial only specific " +
    "recursive recursively nested deep shallow inner outer cell sheet workbook window tab page element attribute property " +
    "method instance static field object array list dict tuple set map string integer float character word line sentence " +
    "paragraph log logs cookie session token cache port host domain url path query param environment env variable variables secret " +
    "password username email certificate cert key service pod deployment node cluster namespace job task queue topic " +
    "partition replica primary secondary foreign unique constraint trigger view procedure function module package class " +
    "interface type enum struct trait component prop state context hook route endpoint api",
  constraint:
    "only except excluding unless ignoring skipping preserving keeping while including inclusive exclusive case insensitive " +
    "sensitive force forced inplace atomic atomically concurrently parallel sequentially lazily eagerly incremental " +
    "incrementally silently quietly verbose interactively recursively permanently temporarily offline online https http ssl " +
    "tls secure securely encrypted authenticated anonymous custom default manual manually automatic automatically dry " +
    "async sync asynchronous synchronous blocking nonblocking stream streaming batch bulk lazy concurrent threadsafe fast " +
    "large small huge big efficient memory safely gracefully programmatically remotely exact exactly approximate partial",
  operation:
    "create delete rename move copy sort merge split filter map reduce find search replace count sum reverse shuffle trim pad " +
    "install publish build deploy compile run test debug lint format validate parse stringify hash sign verify encode decode " +
    "compare diff rebase squash amend stash cherry revert reset checkout clone fetch pull push commit tag branch restart " +
    "reload refresh restore backup freeze hide lock kill spawn fork join wait sleep schedule retry cache memoize debounce " +
    "throttle log print read write open close append insert update upsert drop truncate vacuum index migrate seed mock stub " +
    "profile benchmark measure monitor trace inspect list select group aggregate pivot transpose flatten chunk slice concat " +
    "join zip unzip compress round floor ceil convert cast capitalize lowercase uppercase encrypt decrypt upload download " +
    "import export serialize deserialize render mount resize crop rotate scale center align style animate",
};

/** Light words that carry no request of their own when one side has them and the other does not. */
export const LIGHT_WORDS = new Set(
  ("get set read create do make use have take give put want need show check see tell find know work working " +
    "view display list print output obtain retrieve access " +
    "way thing things stuff something command code script program tool content contents result results data info " +
    "information question answer problem issue editor terminal console prompt cli screen computer " +
    "setup project everything anything whatever somewhere currently " +
    "already still now then again ever existing actual current today real go look keyword dataframe").split(/\s+/),
);

/** Words that open a clause adding a condition ("... with a custom domain", "... that are older than 7 days"). */
export const CONSTRAINT_MARKERS = new Set(
  "with without but only except excluding unless ignoring skipping preserving keeping while that whose older newer than including".split(" "),
);

const MAP = new Map<string, Category>();
// Concept words the equivalence phrases produce ("dedupe", "squash") name an operation.
LISTS.operation += " " + CONCEPT_WORDS.join(" ");
for (const [category, words] of Object.entries(LISTS) as [Category, string][]) {
  for (const w of words.split(/\s+/)) if (w !== "" && !MAP.has(w)) MAP.set(w, category);
}

/** The category a word (any written or canonical form) belongs to, if any. */
export function categoryOf(forms: Iterable<string>): Category | undefined {
  for (const f of forms) {
    if (/\d/.test(f)) return "number";
    const c = MAP.get(f);
    if (c !== undefined) return c;
  }
  return undefined;
}

/** Every listed word, for the stemmed lookup table the gate builds. */
export function listedWords(): [string, Category][] {
  return [...MAP.entries()];
}

/**
 * Words that name their own language, tool or platform: a question about "pip freeze" is a
 * Python question and one about "squash commits" a git one, so a topic word the other question
 * already implies ("Python: pip freeze ..." vs "pip freeze ...") is not a difference. Only
 * words that exist in one ecosystem are listed; a generic word ("file", "branch") implies nothing.
 */
const IMPLIES: Record<string, string> = {
  git: "squash stash stashpop amend cherrypick unstage discardchanges forcepush shallowclone rebase commit pullrequest gitignore untrack blame bisect",
  python: "pip pipfreeze pandas numpy scipy django flask fastapi pytest pydantic sqlalchemy matplotlib sklearn listcomprehension " +
    "kwargs virtualenv venv conda poetry pyenv tkinter asyncio dataclasses jupyter seaborn pyqt pygame",
  javascript: "npm yarn pnpm react vue angular jquery jest lodash svelte express",
  node: "npm express koa fastify nestjs nodemon pm2",
  ruby: "rails gem bundler rspec",
  rust: "cargo rustup tokio",
  postgres: "vacuum psql",
  docker: "dockerfile",
  kubernetes: "kubectl helm pod",
  "linux unix bash shell sh zsh macos": "chmod chown grep sudo tailfollow crontab cron symlink mkdir withparents chdir pipeinto",
  "linux ubuntu debian": "apt systemd systemctl",
};

/** For each word (as written or canonical), the topic words it implies. */
export const IMPLIED_TOPICS = new Map<string, Set<string>>();
for (const [topics, words] of Object.entries(IMPLIES)) {
  for (const w of words.split(/\s+/)) {
    const set = IMPLIED_TOPICS.get(w) ?? new Set<string>();
    for (const t of topics.split(" ")) set.add(t);
    IMPLIED_TOPICS.set(w, set);
  }
}

/** Categories whose words, told only in the story around a question, can still change its answer. */
export const STRONG_CATEGORIES = new Set<Category>(["negation", "number", "version", "language", "library", "os", "constraint"]);
