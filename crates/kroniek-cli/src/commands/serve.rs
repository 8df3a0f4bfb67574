//! `kroniek serve [--db FILE] [--addr 127.0.0.1:8080]`: the HTTP API and the web page over a
//! story's database.

use anyhow::Context;
use kroniek_server::{AppState, ServerConfig};
use kroniek_store::Store;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Arguments of `serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The story's database; created (empty) when missing.
    #[arg(long, value_name = "FILE", default_value = "kroniek.db")]
    db: PathBuf,

    /// Where to listen. Port 0 picks a free port (the address is printed).
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,

    /// The largest request body accepted, in mebibytes.
    #[arg(long, value_name = "MIB", default_value_t = 4)]
    max_body: usize,
}

/// Runs `serve` until interrupted.
pub fn run(args: Args) -> anyhow::Result<crate::Outcome> {
    let store = Store::open(&args.db)?;
    let config = ServerConfig {
        max_body_bytes: args.max_body.saturating_mul(1 << 20),
        ..ServerConfig::default()
    };
    let state = AppState::load(store, config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let addr = listener
            .local_addr()
            .context("cannot read the bound address")?;
        eprintln!(
            "kroniek: serving {} on http://{addr}/ (Ctrl-C stops)",
            args.db.display()
        );
        kroniek_server::serve(state, listener, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("the server stopped")
    })?;
    Ok(crate::Outcome::Ok)
}
