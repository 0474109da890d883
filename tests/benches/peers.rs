//! The Rust side of `bench/peers.sh`: small commands the script times against their peers.
//!
//! ```text
//! peers fixtures --pending N --out FILE      a tenant with N pending apps, for `feishu-review fake --fixtures`
//! peers corpus --out DIR                     response bodies + manifest.tsv, for both validators
//! peers validate --corpus DIR --seconds S    feishu-validate on the corpus, repeated for S seconds,
//!                                            then serde_json::from_slice::<Value> alone for S seconds
//! peers paginate --base-url URL --app-id ID --app-secret SECRET [--expect N] [--with client|bare]
//!                                            one full listing (page size 50) with our client, or
//!                                            with bare reqwest + serde (`--with bare`)
//! ```
//!
//! Each command prints `key=value` lines on stdout. Run by `cargo bench` (no command, or only
//! `--bench`), it does a short smoke run of the same code in-process and exits.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use feishu_fake::Config;
use feishu_validate::Validator;
use serde_json::Value;

/// The docs' examples: (operation, method, path, file name, bytes).
const DOC_EXAMPLES: &[(&str, &str, &str, &str, &[u8])] = &[
    (
        "list_under_audit_apps",
        "get",
        LIST_PATH,
        "doc_underauditlist_2025.json",
        include_bytes!(
            "../../crates/feishu-validate/tests/fixtures/list_under_audit_apps.200.json"
        ),
    ),
    (
        "list_under_audit_apps",
        "get",
        LIST_PATH,
        "doc_underauditlist_2023.json",
        include_bytes!(
            "../../crates/feishu-validate/tests/fixtures/list_under_audit_apps.200.older_2023.json"
        ),
    ),
    (
        "get_app_version",
        "get",
        EXAMPLE_VERSION_PATH,
        "doc_get_app_version.json",
        include_bytes!("../../crates/feishu-validate/tests/fixtures/get_app_version.200.json"),
    ),
    (
        "patch_app_version",
        "patch",
        EXAMPLE_VERSION_PATH,
        "doc_patch_app_version.json",
        include_bytes!("../../crates/feishu-validate/tests/fixtures/patch_app_version.200.json"),
    ),
];

const LIST_PATH: &str = "/open-apis/application/v6/applications/underauditlist";
const EXAMPLE_VERSION_PATH: &str = "/open-apis/application/v6/applications/cli_9f3ca975326b501b/app_versions/oav_d317f090b7258ad0372aa53963cda70d";
/// List pages (of 50 apps) and version bodies in the corpus, besides the docs' examples.
const CORPUS_PAGES: usize = 20;
const CORPUS_VERSIONS: usize = 100;

type CommandResult = Result<(), String>;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.iter().find(|a| !a.starts_with("--")).cloned();
    let flags = flags(&args);
    let result = match command.as_deref() {
        Some("fixtures") => fixtures(&flags),
        Some("corpus") => corpus(&flags),
        Some("validate") => validate(&flags),
        Some("paginate") => paginate(&flags),
        None => smoke(),
        Some(other) => Err(format!("unknown command {other:?}; see the file's docs")),
    };
    if let Err(message) = result {
        eprintln!("peers: {message}");
        std::process::exit(2);
    }
}

/// `--name value` pairs (a bare `--bench` from cargo is ignored).
fn flags(args: &[String]) -> HashMap<String, String> {
    let mut flags = HashMap::new();
    let mut iter = args.iter().peekable();
    while let Some(arg) = iter.next() {
        if let Some(name) = arg.strip_prefix("--")
            && let Some(value) = iter.next_if(|v| !v.starts_with("--"))
        {
            flags.insert(name.to_owned(), value.clone());
        }
    }
    flags
}

fn flag<'a>(flags: &'a HashMap<String, String>, name: &str) -> Result<&'a str, String> {
    flags
        .get(name)
        .map(String::as_str)
        .ok_or_else(|| format!("--{name} is required"))
}

fn number<T: std::str::FromStr>(flags: &HashMap<String, String>, name: &str) -> Result<T, String> {
    flag(flags, name)?
        .parse()
        .map_err(|_| format!("--{name} must be a number"))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

fn fixtures(flags: &HashMap<String, String>) -> CommandResult {
    let pending: usize = number(flags, "pending")?;
    let out = PathBuf::from(flag(flags, "out")?);
    let tenant = common::tenant_with_pending(pending);
    let json = serde_json::to_vec(&tenant).map_err(|e| e.to_string())?;
    std::fs::write(&out, json).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("pending={pending}");
    println!("apps={}", tenant.apps.len());
    Ok(())
}

/// One corpus entry: what the validators need to know about a body.
struct Entry {
    operation: &'static str,
    method: &'static str,
    path: String,
    file: String,
    bytes: Vec<u8>,
}

/// The docs' examples, then list pages and versions as the fake serves them (1,000 pending
/// apps, English names).
fn build_corpus() -> Vec<Entry> {
    let mut corpus: Vec<Entry> = DOC_EXAMPLES
        .iter()
        .map(|(operation, method, path, file, bytes)| Entry {
            operation,
            method,
            path: (*path).to_owned(),
            file: (*file).to_owned(),
            bytes: bytes.to_vec(),
        })
        .collect();
    runtime().block_on(fake_corpus(&mut corpus));
    corpus
}

/// List pages and versions as a fake with 1,000 pending apps serves them, appended to `corpus`.
async fn fake_corpus(corpus: &mut Vec<Entry>) {
    let fake = feishu_fake::start(Config {
        fixtures: Some(common::tenant_with_pending(CORPUS_PAGES * 50)),
        ..Config::default()
    })
    .await
    .expect("fake starts");
    let base = fake.base_url();
    let http = reqwest::Client::new();
    let token = fake_token(&http, &base).await;
    let get = |url: String, query: Vec<(&'static str, String)>| {
        let request = http.get(url).bearer_auth(&token).query(&query);
        async move {
            let response = request.send().await.expect("request");
            response.bytes().await.expect("body").to_vec()
        }
    };
    let mut page_token = String::new();
    let mut pending = Vec::new();
    for page in 0..CORPUS_PAGES {
        let mut query = vec![("lang", "en_us".to_owned()), ("page_size", "50".to_owned())];
        if !page_token.is_empty() {
            query.push(("page_token", page_token.clone()));
        }
        let bytes = get(format!("{base}{LIST_PATH}"), query).await;
        let value: Value = serde_json::from_slice(&bytes).expect("page JSON");
        page_token = value["data"]["page_token"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        for app in value["data"]["items"].as_array().into_iter().flatten() {
            let id = |k: &str| app[k].as_str().unwrap_or_default().to_owned();
            pending.push((id("app_id"), id("unaudit_version_id")));
        }
        corpus.push(Entry {
            operation: "list_under_audit_apps",
            method: "get",
            path: LIST_PATH.to_owned(),
            file: format!("list_page_{page:03}.json"),
            bytes,
        });
    }
    for (i, (app_id, version_id)) in pending.iter().take(CORPUS_VERSIONS).enumerate() {
        let path =
            format!("/open-apis/application/v6/applications/{app_id}/app_versions/{version_id}");
        let bytes = get(format!("{base}{path}"), vec![("lang", "en_us".to_owned())]).await;
        corpus.push(Entry {
            operation: "get_app_version",
            method: "get",
            path,
            file: format!("version_{i:03}.json"),
            bytes,
        });
    }
}

/// A tenant access token from the fake at `base`, for its default app.
async fn fake_token(http: &reqwest::Client, base: &str) -> String {
    let token: Value = http
        .post(format!(
            "{base}/open-apis/auth/v3/tenant_access_token/internal"
        ))
        .json(&serde_json::json!({
            "app_id": feishu_fake::DEFAULT_APP_ID,
            "app_secret": feishu_fake::DEFAULT_APP_SECRET,
        }))
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .expect("token")
        .json()
        .await
        .expect("token JSON");
    token["tenant_access_token"]
        .as_str()
        .expect("token")
        .to_owned()
}

fn corpus(flags: &HashMap<String, String>) -> CommandResult {
    let out = PathBuf::from(flag(flags, "out")?);
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let corpus = build_corpus();
    let validator = Validator::workspace();
    let mut manifest = String::from("operation\tstatus\tmethod\tpath\tfile\n");
    for entry in &corpus {
        let report = validator
            .validate(entry.operation, 200, &entry.bytes)
            .map_err(|e| e.to_string())?;
        if !report.is_clean() {
            return Err(format!("{} is not clean: {report:?}", entry.file));
        }
        std::fs::write(out.join(&entry.file), &entry.bytes).map_err(|e| e.to_string())?;
        manifest.push_str(&format!(
            "{}\t200\t{}\t{}\t{}\n",
            entry.operation, entry.method, entry.path, entry.file
        ));
    }
    std::fs::write(out.join("manifest.tsv"), manifest).map_err(|e| e.to_string())?;
    let bytes: usize = corpus.iter().map(|e| e.bytes.len()).sum();
    println!("bodies={}", corpus.len());
    println!("bytes={bytes}");
    Ok(())
}

/// Reads `manifest.tsv`: (operation, bytes) per body.
fn load_corpus(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    let manifest = std::fs::read_to_string(dir.join("manifest.tsv"))
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    manifest
        .lines()
        .skip(1)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let (operation, file) = (fields[0], fields[4]);
            let bytes = std::fs::read(dir.join(file)).map_err(|e| format!("{file}: {e}"))?;
            Ok((operation.to_owned(), bytes))
        })
        .collect()
}

/// Parses every body into `serde_json::Value` (the floor of a validator that builds a JSON tree; ours checks while parsing, without one), over
/// and over, for at least `seconds`.
fn run_parse(corpus: &[(String, Vec<u8>)], seconds: f64) -> (usize, f64) {
    let budget = Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let mut bodies = 0;
    while started.elapsed() < budget {
        for (_, bytes) in corpus {
            let value: Value = serde_json::from_slice(std::hint::black_box(bytes)).expect("JSON");
            std::hint::black_box(value);
            bodies += 1;
        }
    }
    (bodies, started.elapsed().as_secs_f64())
}

/// Validates every body (bytes in, report out: what `Validator::validate` costs a caller),
/// over and over, for at least `seconds`.
fn run_validation(corpus: &[(String, Vec<u8>)], seconds: f64) -> Result<(usize, f64), String> {
    let validator = Validator::workspace();
    for (operation, bytes) in corpus {
        let report = validator
            .validate(operation, 200, bytes)
            .map_err(|e| e.to_string())?;
        if !report.is_clean() {
            return Err(format!("a {operation} body is not clean: {report:?}"));
        }
    }
    let budget = Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let mut bodies = 0;
    while started.elapsed() < budget {
        for (operation, bytes) in corpus {
            let report = validator
                .validate(operation, 200, std::hint::black_box(bytes))
                .map_err(|e| e.to_string())?;
            std::hint::black_box(report);
            bodies += 1;
        }
    }
    Ok((bodies, started.elapsed().as_secs_f64()))
}

fn validate(flags: &HashMap<String, String>) -> CommandResult {
    let corpus = load_corpus(Path::new(flag(flags, "corpus")?))?;
    let seconds: f64 = number(flags, "seconds")?;
    let (bodies, elapsed) = run_validation(&corpus, seconds)?;
    println!("bodies={bodies}");
    println!("seconds={elapsed:.6}");
    println!("bodies_per_sec={:.1}", bodies as f64 / elapsed);
    let (parsed, elapsed) = run_parse(&corpus, seconds);
    println!("parse_bodies_per_sec={:.1}", parsed as f64 / elapsed);
    Ok(())
}

fn paginate(flags: &HashMap<String, String>) -> CommandResult {
    let base_url = flag(flags, "base-url")?;
    let app_id = flag(flags, "app-id")?;
    let app_secret = flag(flags, "app-secret")?;
    let expect: Option<usize> = flags
        .get("expect")
        .map(|_| number(flags, "expect"))
        .transpose()?;
    let bare = match flags.get("with").map(String::as_str) {
        None | Some("client") => false,
        Some("bare") => true,
        Some(other) => return Err(format!("--with is client or bare, not {other:?}")),
    };
    let started = Instant::now();
    let runtime = runtime();
    let items = runtime.block_on(async {
        if bare {
            let http = reqwest::Client::new();
            common::list_with_bare_reqwest(&http, base_url, app_id, app_secret).await
        } else {
            let client = common::client(base_url, app_id, app_secret, None);
            common::list_with_client(&client).await
        }
    });
    let elapsed = started.elapsed().as_secs_f64();
    if let Some(expect) = expect
        && items.len() != expect
    {
        return Err(format!("listed {} apps, expected {expect}", items.len()));
    }
    println!("items={}", items.len());
    println!("seconds={elapsed:.6}");
    Ok(())
}

/// What `cargo bench` runs: each command's code on a small scale, in-process, in seconds.
fn smoke() -> CommandResult {
    let corpus: Vec<(String, Vec<u8>)> = build_corpus()
        .into_iter()
        .map(|e| (e.operation.to_owned(), e.bytes))
        .collect();
    let (bodies, elapsed) = run_validation(&corpus, 0.5)?;
    println!(
        "peers smoke: feishu-validate {:.0} bodies/s on {} bodies",
        bodies as f64 / elapsed,
        corpus.len()
    );
    let runtime = runtime();
    let listed = runtime.block_on(async {
        let fake = feishu_fake::start(Config {
            fixtures: Some(common::tenant_with_pending(500)),
            ..Config::default()
        })
        .await
        .expect("fake starts");
        let client = common::client(
            &fake.base_url(),
            feishu_fake::DEFAULT_APP_ID,
            feishu_fake::DEFAULT_APP_SECRET,
            None,
        );
        let started = Instant::now();
        let items = common::list_with_client(&client).await;
        (items.len(), started.elapsed())
    });
    println!(
        "peers smoke: listed {} pending apps in {:.1} ms; run bench/peers.sh for the peer comparison",
        listed.0,
        listed.1.as_secs_f64() * 1000.0
    );
    Ok(())
}
