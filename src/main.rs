//! The `iris` command: serve (default), check-config, migrate, kratos-config, hydra-config,
//! admin.
use clap::{Parser, Subcommand};
use iris::config::{ConfigError, Settings, Severity};
use iris::metrics::Metrics;
use iris::startup::Application;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// mimalloc: allocation is a tenth of the request path (many small, short-lived buffers for
/// headers, cookies and JSON), and glibc's malloc is measurably slower at that under load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "iris", version, about = "Email-only passwordless sign-in")]
struct Cli {
    /// TOML config file; environment variables IRIS__SECTION__KEY override it.
    #[arg(long, env = "IRIS_CONFIG", global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve HTTP and send mail (the default).
    Serve,
    /// Validate the configuration, print every problem with its key, exit non-zero on errors.
    CheckConfig,
    /// Create or upgrade the database schema, then exit.
    Migrate,
    /// Print the Ory Kratos config fragment that matches this configuration.
    KratosConfig,
    /// Print the Ory Hydra config fragment that matches this configuration (its login,
    /// consent and logout URLs on Iris).
    HydraConfig,
    /// Ask a running Iris's admin listener (`server.admin_bind`, `secrets.admin_token`).
    #[command(subcommand)]
    Admin(AdminCommand),
}

#[derive(Subcommand)]
enum AdminCommand {
    /// The account with this address: its id, live sessions and back-off.
    Account { email: String },
    /// Sign an account out everywhere (its id, as `account` prints it).
    EndSessions { account_id: String },
    /// Lift the back-off an address is under after wrong codes.
    LiftBackOff { email: String },
    /// The recent-activity trail of the account with this address, newest first: one JSON
    /// object a line.
    Trail { email: String },
}

fn load(cli: &Cli) -> Result<Settings, ExitCode> {
    Settings::load(cli.config.as_deref()).map_err(|e| {
        match e {
            ConfigError::Parse(text) => eprintln!("{text}"),
            other => eprintln!("error: {other}"),
        }
        ExitCode::from(2)
    })
}

#[actix_web::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match load(&cli) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let metrics = Arc::new(Metrics::new());
    iris::telemetry::init(settings.log.format, Some(metrics.clone()));
    match cli.command.unwrap_or(Command::Serve) {
        Command::CheckConfig => {
            let problems = settings.problems();
            for p in &problems {
                eprintln!("{p}");
            }
            if problems.iter().any(|p| p.severity == Severity::Error) {
                return ExitCode::from(1);
            }
            println!("configuration OK");
            ExitCode::SUCCESS
        }
        Command::Migrate => match migrate(&settings).await {
            Ok(_) => {
                println!("database is up to date");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
        Command::KratosConfig => match iris::kratos::fragment(&settings) {
            Ok(yaml) => {
                print!("{yaml}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
        Command::HydraConfig => {
            print!("{}", iris::hydra::fragment(&settings));
            ExitCode::SUCCESS
        }
        Command::Serve => serve(settings, metrics).await,
        Command::Admin(command) => admin(&settings, command).await,
    }
}

/// Calls the admin endpoint for `command` and prints its JSON answer (`trail`: one event a
/// line); exit 1 unless 2xx.
async fn admin(settings: &Settings, command: AdminCommand) -> ExitCode {
    use secrecy::ExposeSecret;
    let (Some(addr), Some(token)) = (settings.server.admin_bind, &settings.secrets.admin_token)
    else {
        eprintln!("error: server.admin_bind and secrets.admin_token: both are needed to ask the admin listener");
        return ExitCode::from(1);
    };
    let base = format!("http://{addr}/admin");
    let client = reqwest::Client::new();
    let ask = |request: reqwest::RequestBuilder| async move {
        let response = match request.bearer_auth(token.expose_secret()).send().await {
            Ok(response) => response,
            Err(e) => {
                eprintln!("error: server.admin_bind: cannot reach {addr}: {e}");
                return Err(ExitCode::from(1));
            }
        };
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        if status.is_success() {
            return Ok(text);
        }
        println!("{text}");
        eprintln!("error: the admin listener answered {status}");
        Err(ExitCode::from(1))
    };
    let account_id =
        |id: &str| -> String { url::form_urlencoded::byte_serialize(id.as_bytes()).collect() };
    let request = match &command {
        // The trail is asked for by account id: the account first.
        AdminCommand::Account { email } | AdminCommand::Trail { email } => client
            .get(format!("{base}/accounts"))
            .query(&[("email", email)]),
        AdminCommand::EndSessions { account_id: id } => {
            client.delete(format!("{base}/accounts/{}/sessions", account_id(id)))
        }
        AdminCommand::LiftBackOff { email } => client
            .delete(format!("{base}/back-off"))
            .query(&[("email", email)]),
    };
    let text = match ask(request).await {
        Ok(text) => text,
        Err(code) => return code,
    };
    if let AdminCommand::Trail { .. } = command {
        let Some(id) = json_field(&text, "id").and_then(|id| id.as_str().map(account_id)) else {
            eprintln!("error: the admin listener's account answer has no id");
            return ExitCode::from(1);
        };
        let text = match ask(client.get(format!("{base}/accounts/{id}/trail"))).await {
            Ok(text) => text,
            Err(code) => return code,
        };
        let Some(events) = json_field(&text, "events").and_then(|e| e.as_array().cloned()) else {
            eprintln!("error: the admin listener's trail answer has no events");
            return ExitCode::from(1);
        };
        // JSON lines, for jq and log tools.
        for event in events {
            println!("{event}");
        }
        return ExitCode::SUCCESS;
    }
    println!("{text}");
    ExitCode::SUCCESS
}

/// A top-level field of a JSON answer.
fn json_field(text: &str, name: &str) -> Option<serde_json::Value> {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()?
        .get_mut(name)
        .map(serde_json::Value::take)
}

async fn serve(settings: Settings, metrics: Arc<Metrics>) -> ExitCode {
    let app = match Application::build(settings, metrics).await {
        Ok(app) => app,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let handle = app.server_handle();
    tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!("shutting down");
        handle.stop(true).await;
    });
    match app.run_until_stopped().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// Brings the SQL schema up to date. Redis has no schema, so it is not asked (a migration job
/// may well run before Redis is up).
async fn migrate(settings: &Settings) -> Result<(), iris::store::OpenError> {
    let mut store = settings.store.clone();
    store.redis_url = None;
    let quota = iris::startup::ip_quota(settings);
    iris::startup::open_stores(&store, quota, Arc::new(())).await?;
    Ok(())
}
