//! Upload progress: an `indicatif` bar on standard error when it is a
//! terminal, nothing at all when it is not (piped or redirected), so that
//! scripts see only the post's URN.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use linkedin::resources::media::Progress;

/// How often the bar redraws at most.
const REFRESH_PER_SECOND: u8 = 10;

/// One file's upload progress.
pub struct Bar {
    bar: Option<ProgressBar>,
}

impl Bar {
    /// A bar for uploading `label` (a file's name; `total` bytes), shown
    /// only on a terminal.
    pub fn new(label: &str, total: u64) -> Bar {
        if !std::io::stderr().is_terminal() {
            return Bar { bar: None };
        }
        let bar = ProgressBar::with_draw_target(
            Some(total),
            ProgressDrawTarget::stderr_with_hz(REFRESH_PER_SECOND),
        );
        // The template is a constant: it parses, or the bar keeps its
        // default look.
        if let Ok(style) = ProgressStyle::with_template(
            "{msg} [{wide_bar}] {bytes}/{total_bytes} {bytes_per_sec} {eta}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(crate::output::excerpt(label));
        bar.enable_steady_tick(Duration::from_millis(250));
        Bar { bar: Some(bar) }
    }

    /// Moves the bar to what the upload has confirmed.
    pub fn update(&self, progress: Progress) {
        if let Some(bar) = &self.bar {
            bar.set_length(progress.total);
            bar.set_position(progress.confirmed);
        }
    }

    /// Leaves the finished bar on the terminal, on a line of its own.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish();
            eprintln!();
        }
    }
}

impl Drop for Bar {
    /// A bar abandoned by an error is cleared, so the error line stands
    /// alone.
    fn drop(&mut self) {
        if let Some(bar) = &self.bar
            && !bar.is_finished()
        {
            bar.finish_and_clear();
        }
    }
}
