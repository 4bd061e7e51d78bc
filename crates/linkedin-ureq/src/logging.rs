//! Keeping ureq's wire dump out of your logs.
//!
//! **ureq logs every byte it sends and receives.** Its protocol crate,
//! `ureq-proto`, writes a hex dump (with an ASCII column) of each request
//! and response, headers and bodies, through the [`log`](https://docs.rs/log/0.4/log/) crate at `TRACE`
//! under the target `ureq_proto::util` ([`WIRE_DUMP_TARGET`] is its
//! prefix). That dump holds the `Authorization: Bearer ...` line of every
//! call and the OAuth form bodies (`client_secret`, `refresh_token`,
//! authorization codes) and token answers (`access_token`). This crate
//! cannot switch it off: ureq-proto's logging has no feature flag and
//! happens before bytes reach any transport a caller could wrap.
//!
//! So wherever `log` records are kept at `TRACE`, filter that target:
//!
//! * with a `log` logger: wrap it in [`QuietWire`] before installing it;
//! * with `tracing` and `tracing-log`: add the directive
//!   [`WIRE_DUMP_FILTER`] (`ureq_proto=debug`) to your `EnvFilter` /
//!   `Targets`;
//! * with `env_logger` and the like: `RUST_LOG=...,ureq_proto=debug`.
//!
//! At `DEBUG` and above nothing secret is logged: ureq's own request and
//! response lines show only non-sensitive headers.
//!
//! ```
//! use linkedin::blocking::logging::QuietWire;
//!
//! struct Stderr;
//! impl log::Log for Stderr {
//!     fn enabled(&self, _: &log::Metadata<'_>) -> bool { true }
//!     fn log(&self, record: &log::Record<'_>) { eprintln!("{} {}", record.target(), record.args()); }
//!     fn flush(&self) {}
//! }
//!
//! let logger = QuietWire::new(Stderr);
//! let dump = log::Metadata::builder().target("ureq_proto::util").level(log::Level::Trace).build();
//! assert!(!log::Log::enabled(&logger, &dump));
//! // Then: log::set_boxed_logger(Box::new(logger)); log::set_max_level(log::LevelFilter::Trace);
//! ```

/// The target prefix of ureq's wire dump (`ureq_proto::util` at `TRACE`).
///
/// ```
/// assert_eq!(linkedin::blocking::logging::WIRE_DUMP_TARGET, "ureq_proto");
/// ```
pub const WIRE_DUMP_TARGET: &str = "ureq_proto";

/// A `tracing-subscriber` / `env_logger` directive that keeps the wire dump
/// out and the rest of ureq's logs in.
///
/// ```
/// assert_eq!(linkedin::blocking::logging::WIRE_DUMP_FILTER, "ureq_proto=debug");
/// ```
pub const WIRE_DUMP_FILTER: &str = "ureq_proto=debug";

/// Whether a `log` record is part of ureq's wire dump.
///
/// ```
/// use linkedin::blocking::logging::is_wire_dump;
/// let dump = log::Metadata::builder().target("ureq_proto::util").level(log::Level::Trace).build();
/// let call = log::Metadata::builder().target("ureq::run").level(log::Level::Debug).build();
/// assert!(is_wire_dump(&dump));
/// assert!(!is_wire_dump(&call));
/// ```
pub fn is_wire_dump(metadata: &log::Metadata<'_>) -> bool {
    metadata.level() == log::Level::Trace
        && (metadata.target() == WIRE_DUMP_TARGET
            || metadata
                .target()
                .strip_prefix(WIRE_DUMP_TARGET)
                .is_some_and(|rest| rest.starts_with("::")))
}

/// A [`log::Log`](https://docs.rs/log/0.4/log/trait.Log.html) that passes everything to `L` except ureq's wire dump
/// ([`is_wire_dump`]). See the [module docs](self).
///
/// ```
/// use linkedin::blocking::logging::QuietWire;
/// # struct Nop;
/// # impl log::Log for Nop {
/// #     fn enabled(&self, _: &log::Metadata<'_>) -> bool { true }
/// #     fn log(&self, _: &log::Record<'_>) {}
/// #     fn flush(&self) {}
/// # }
/// let logger = QuietWire::new(Nop);
/// let other = log::Metadata::builder().target("my_app").level(log::Level::Trace).build();
/// assert!(log::Log::enabled(&logger, &other));
/// ```
#[derive(Debug, Clone, Default)]
pub struct QuietWire<L> {
    inner: L,
}

impl<L: log::Log> QuietWire<L> {
    /// Wraps `inner`.
    ///
    /// ```
    /// # struct Nop;
    /// # impl log::Log for Nop {
    /// #     fn enabled(&self, _: &log::Metadata<'_>) -> bool { true }
    /// #     fn log(&self, _: &log::Record<'_>) {}
    /// #     fn flush(&self) {}
    /// # }
    /// let _logger = linkedin::blocking::logging::QuietWire::new(Nop);
    /// ```
    pub fn new(inner: L) -> Self {
        QuietWire { inner }
    }

    /// The wrapped logger.
    ///
    /// ```
    /// # #[derive(Debug, PartialEq)]
    /// # struct Nop;
    /// # impl log::Log for Nop {
    /// #     fn enabled(&self, _: &log::Metadata<'_>) -> bool { true }
    /// #     fn log(&self, _: &log::Record<'_>) {}
    /// #     fn flush(&self) {}
    /// # }
    /// assert_eq!(linkedin::blocking::logging::QuietWire::new(Nop).inner(), &Nop);
    /// ```
    pub fn inner(&self) -> &L {
        &self.inner
    }
}

impl<L: log::Log> log::Log for QuietWire<L> {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        !is_wire_dump(metadata) && self.inner.enabled(metadata)
    }

    fn log(&self, record: &log::Record<'_>) {
        if !is_wire_dump(record.metadata()) {
            self.inner.log(record);
        }
    }

    fn flush(&self) {
        self.inner.flush();
    }
}
