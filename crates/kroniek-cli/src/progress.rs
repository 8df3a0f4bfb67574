//! Progress bars on a terminal; nothing when stderr is piped.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kroniek_core::pipeline::{Progress, Step};
use kroniek_store::{IngestProgress, Phase};
use std::io::IsTerminal;

/// A progress bar over documents, drawn only when stderr is a terminal.
#[derive(Debug)]
pub struct Bar {
    bar: ProgressBar,
}

impl Bar {
    /// A bar for `total` units of `what`.
    pub fn new(total: usize, what: &str) -> Bar {
        let bar = ProgressBar::with_draw_target(
            Some(total as u64),
            if std::io::stderr().is_terminal() {
                ProgressDrawTarget::stderr()
            } else {
                ProgressDrawTarget::hidden()
            },
        );
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {msg:12} [{bar:30}] {pos}/{len} ({rate}, {eta} left)",
            )
            .map(|s| {
                s.with_key(
                    "rate",
                    |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.0}/s", state.per_sec());
                    },
                )
            })
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar.set_message(what.to_owned());
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Bar { bar }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for Bar {
    fn advance(&self, step: Step, done: usize, _total: usize) {
        match step {
            Step::Documents => self.bar.set_position(done as u64),
            Step::Collection => self.bar.set_message("collection"),
        }
    }
}

impl IngestProgress for Bar {
    fn start(&self, total: usize) {
        self.bar.set_length(total as u64);
        self.bar.set_position(0);
        self.bar.reset_eta();
    }

    fn advance(&self, done: usize) {
        self.bar.set_position(done as u64);
    }

    fn phase(&self, phase: Phase) {
        self.bar.set_message(match phase {
            Phase::Articles => "analysing",
            Phase::Assembling => "assembling",
            Phase::Indexing => "indexing",
        });
    }
}
