//! The parts of an upload: byte ranges checked against the file, handed out
//! with bounded concurrency, retried with backoff, confirmed by ETag.

use std::fmt;
use std::time::{Duration, Instant};

use super::MediaError;
use super::PartFailure;
use super::files::MAX_PART_BYTES;
use super::models::UploadInstruction;

/// The most parts an upload may have: 10 GiB of 4 MiB parts. An
/// `initializeUpload` answer with more instructions is refused.
///
/// ```
/// assert_eq!(linkedin::resources::media::MAX_UPLOAD_PARTS, 2560);
/// ```
pub const MAX_UPLOAD_PARTS: usize = 2560;

/// The longest upload URL accepted, in bytes.
const MAX_URL_LEN: usize = 8 * 1024;

/// The longest ETag accepted, in bytes.
const MAX_ETAG_LEN: usize = 1024;

/// Bytes `first` to `last` of a file, both included (as LinkedIn's
/// `firstByte` and `lastByte`).
///
/// ```
/// use linkedin::resources::media::ByteRange;
///
/// let range = ByteRange::new(0, 4_194_303).unwrap();
/// assert_eq!(range.len(), 4_194_304);
/// assert_eq!(range.to_string(), "0-4194303");
/// assert_eq!(ByteRange::new(5, 4), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ByteRange {
    first: u64,
    last: u64,
}

impl ByteRange {
    /// The range `first..=last`, if `first <= last`.
    ///
    /// ```
    /// assert!(linkedin::resources::media::ByteRange::new(3, 3).is_some());
    /// ```
    pub fn new(first: u64, last: u64) -> Option<Self> {
        (first <= last).then_some(ByteRange { first, last })
    }

    /// The range of a whole file of `size` bytes (`size > 0`).
    ///
    /// ```
    /// use linkedin::resources::media::ByteRange;
    /// assert_eq!(ByteRange::whole(10).map(|r| r.last()), Some(9));
    /// assert_eq!(ByteRange::whole(0), None);
    /// ```
    pub fn whole(size: u64) -> Option<Self> {
        ByteRange::new(0, size.checked_sub(1)?)
    }

    /// The first byte's offset.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::media::ByteRange::new(7, 9).unwrap().first(), 7);
    /// ```
    pub fn first(&self) -> u64 {
        self.first
    }

    /// The last byte's offset (included).
    ///
    /// ```
    /// assert_eq!(linkedin::resources::media::ByteRange::new(7, 9).unwrap().last(), 9);
    /// ```
    pub fn last(&self) -> u64 {
        self.last
    }

    /// How many bytes: never zero.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::media::ByteRange::new(7, 9).unwrap().len(), 3);
    /// ```
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> u64 {
        // `last < u64::MAX` is not guaranteed, so saturate: a range of the
        // whole u64 space has no representable length.
        (self.last - self.first).saturating_add(1)
    }
}

impl fmt::Display for ByteRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.first, self.last)
    }
}

/// A signed upload URL as shown in `Debug`: without its query (where the
/// signature is), bounded.
pub(crate) fn shown_url(url: &str) -> String {
    match url.split_once('?') {
        Some((base, _)) => format!("{}?[redacted]", restli_codec::excerpt::head(base)),
        None => restli_codec::excerpt::head(url).to_owned(),
    }
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Whether `url` may take the bytes: an absolute https URL (or http to a
/// loopback address, for a local sandbox), at most 8 KiB. Otherwise what is
/// wrong.
pub(crate) fn check_upload_url(url: &str) -> Result<(), String> {
    if url.len() > MAX_URL_LEN {
        return Err(format!("{} bytes long, more than {MAX_URL_LEN}", url.len()));
    }
    let uri: http::Uri = url
        .parse()
        .map_err(|_| format!("{} is not a URL", restli_codec::excerpt::Excerpt(url)))?;
    let host = uri.host().unwrap_or("");
    match uri.scheme_str() {
        Some("https") if !host.is_empty() => Ok(()),
        Some("http") if is_loopback(host) => Ok(()),
        _ => Err(format!(
            "{} is not an https URL",
            restli_codec::excerpt::Excerpt(url)
        )),
    }
}

/// Whether the access token may go with a PUT to `url`: to LinkedIn's own
/// hosts over https, or to a loopback address (a local sandbox). Never to
/// another host a server named.
fn token_allowed(url: &str) -> bool {
    let Ok(uri) = url.parse::<http::Uri>() else {
        return false;
    };
    let host = uri.host().unwrap_or("").to_ascii_lowercase();
    match uri.scheme_str() {
        Some("https") => host == "linkedin.com" || host.ends_with(".linkedin.com"),
        Some("http") => is_loopback(&host),
        _ => false,
    }
}

/// Checks a video's `uploadInstructions` against its size: they must cover
/// bytes `0..size` exactly once, in order, each part at most
/// [`MAX_PART_BYTES`], at most [`MAX_UPLOAD_PARTS`] of them, each URL
/// usable. Returns the ranges in order.
pub(crate) fn check_instructions(
    size: u64,
    instructions: &[UploadInstruction],
) -> Result<Vec<ByteRange>, String> {
    if instructions.is_empty() {
        return Err("no uploadInstructions".into());
    }
    if instructions.len() > MAX_UPLOAD_PARTS {
        return Err(format!(
            "{} uploadInstructions, more than {MAX_UPLOAD_PARTS}",
            instructions.len()
        ));
    }
    let mut ranges = Vec::with_capacity(instructions.len());
    let mut next = 0u64;
    for (index, instruction) in instructions.iter().enumerate() {
        let (first, last) = (instruction.first_byte, instruction.last_byte);
        if first != next {
            let what = if first < next {
                "overlaps"
            } else {
                "leaves a gap before it"
            };
            return Err(format!(
                "instruction {index} starts at byte {first} but the previous one ends at {}: it {what}",
                next.wrapping_sub(1)
            ));
        }
        let range = ByteRange::new(first, last).ok_or_else(|| {
            format!("instruction {index} ends (byte {last}) before it starts (byte {first})")
        })?;
        if last >= size {
            return Err(format!(
                "instruction {index} ends at byte {last}, past the file's last byte {}",
                size.saturating_sub(1)
            ));
        }
        if range.len() > MAX_PART_BYTES {
            return Err(format!(
                "instruction {index} is {} bytes, more than the {MAX_PART_BYTES} a part may be",
                range.len()
            ));
        }
        check_upload_url(&instruction.upload_url)
            .map_err(|problem| format!("instruction {index}'s uploadUrl: {problem}"))?;
        ranges.push(range);
        next = last + 1;
    }
    if next != size {
        return Err(format!(
            "the instructions end at byte {} but the file has {size} bytes",
            next - 1
        ));
    }
    Ok(ranges)
}

/// What a part is: a piece of the media itself, or a video's thumbnail or
/// captions file (each its own file, PUT whole).
///
/// ```
/// use linkedin::resources::media::PartKind;
/// assert_ne!(PartKind::Media, PartKind::Thumbnail);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PartKind {
    /// Bytes of the image, document or video file.
    Media,
    /// The video's thumbnail file, whole.
    Thumbnail,
    /// The video's captions file, whole.
    Captions,
}

/// One PUT to make: the bytes of `range` of the file `kind` names, to
/// `url`. What a transport needs to read exactly those bytes (from a file
/// with a seek, or from a forward-only reader: see the
/// [module docs](super#streaming)) and send them.
///
/// ```
/// use linkedin::resources::media::{ByteRange, PartKind, PartUpload};
///
/// let range = ByteRange::new(4_194_304, 8_388_607).unwrap();
/// let part = PartUpload::new(1, PartKind::Media, range, "https://www.linkedin.com/dms-uploads/v/1");
/// let head = part.to_http(Some("token"))?;
/// assert_eq!(head.method(), http::Method::PUT);
/// assert_eq!(head.headers()["content-length"], "4194304");
/// assert!(head.headers()["authorization"].is_sensitive());
/// # Ok::<(), http::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct PartUpload {
    index: usize,
    kind: PartKind,
    range: ByteRange,
    url: String,
    attempt: u32,
}

impl fmt::Debug for PartUpload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Upload URLs are signed: show only their start.
        f.debug_struct("PartUpload")
            .field("index", &self.index)
            .field("kind", &self.kind)
            .field("range", &self.range)
            .field("url", &shown_url(&self.url))
            .field("attempt", &self.attempt)
            .finish()
    }
}

impl PartUpload {
    /// A first attempt at part `index` (for a transport's own tests; flows
    /// hand parts out themselves).
    ///
    /// ```
    /// use linkedin::resources::media::{ByteRange, PartKind, PartUpload};
    /// let part = PartUpload::new(0, PartKind::Thumbnail, ByteRange::whole(10).unwrap(), "http://127.0.0.1:1/t");
    /// assert_eq!(part.attempt(), 1);
    /// ```
    pub fn new(index: usize, kind: PartKind, range: ByteRange, url: &str) -> Self {
        PartUpload {
            index,
            kind,
            range,
            url: url.to_owned(),
            attempt: 1,
        }
    }

    /// The part's index: feed its outcome under this index.
    ///
    /// ```
    /// # use linkedin::resources::media::{ByteRange, PartKind, PartUpload};
    /// # let part = PartUpload::new(0, PartKind::Media, ByteRange::whole(100_000).unwrap(), "https://www.linkedin.com/dms-uploads/v/0");
    /// assert_eq!(part.index(), 0);
    /// ```
    pub fn index(&self) -> usize {
        self.index
    }

    /// Which file the bytes come from.
    ///
    /// ```
    /// # use linkedin::resources::media::{ByteRange, PartKind, PartUpload};
    /// # let part = PartUpload::new(0, PartKind::Media, ByteRange::whole(100_000).unwrap(), "https://www.linkedin.com/dms-uploads/v/0");
    /// assert_eq!(part.kind(), linkedin::resources::media::PartKind::Media);
    /// ```
    pub fn kind(&self) -> PartKind {
        self.kind
    }

    /// The bytes to send (of the file [`kind`](Self::kind) names).
    ///
    /// ```
    /// # use linkedin::resources::media::{ByteRange, PartKind, PartUpload};
    /// # let part = PartUpload::new(0, PartKind::Media, ByteRange::whole(100_000).unwrap(), "https://www.linkedin.com/dms-uploads/v/0");
    /// assert_eq!(part.range().len(), 100_000);
    /// ```
    pub fn range(&self) -> ByteRange {
        self.range
    }

    /// Where to PUT them (a signed URL: do not log it whole).
    ///
    /// ```
    /// # use linkedin::resources::media::{ByteRange, PartKind, PartUpload};
    /// # let part = PartUpload::new(0, PartKind::Media, ByteRange::whole(100_000).unwrap(), "https://www.linkedin.com/dms-uploads/v/0");
    /// assert!(part.url().starts_with("https://"));
    /// ```
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Which attempt this is, from 1. On attempt 1 a forward-only reader
    /// reads the next `range().len()` bytes; later attempts resend the
    /// bytes kept from attempt 1.
    ///
    /// ```
    /// # use linkedin::resources::media::{ByteRange, PartKind, PartUpload};
    /// # let part = PartUpload::new(0, PartKind::Media, ByteRange::whole(100_000).unwrap(), "https://www.linkedin.com/dms-uploads/v/0");
    /// assert_eq!(part.attempt(), 1);
    /// ```
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// Whether the access token goes with this PUT: only to LinkedIn's own
    /// hosts over https (or a loopback sandbox).
    ///
    /// LinkedIn's Images and Documents pages show the bytes PUT with
    /// `Authorization: Bearer`; the Videos page shows the parts PUT without
    /// it. The upload URLs are signed, so the token is not what admits the
    /// bytes; sending it where LinkedIn's pages do is safe only to
    /// LinkedIn's hosts, so a URL elsewhere never gets it.
    ///
    /// ```
    /// # use linkedin::resources::media::{ByteRange, PartKind, PartUpload};
    /// # let part = PartUpload::new(0, PartKind::Media, ByteRange::whole(100_000).unwrap(), "https://www.linkedin.com/dms-uploads/v/0");
    /// assert!(part.sends_token());
    /// ```
    pub fn sends_token(&self) -> bool {
        token_allowed(&self.url)
    }

    /// The head of the PUT (the body is the range's bytes, which the
    /// transport streams): `Content-Type: application/octet-stream` as the
    /// Videos page shows, `Content-Length` of the range, and
    /// `Authorization: Bearer` (marked sensitive) when
    /// [`sends_token`](Self::sends_token).
    ///
    /// ```
    /// # use linkedin::resources::media::{ByteRange, PartKind, PartUpload};
    /// # let part = PartUpload::new(0, PartKind::Media, ByteRange::whole(100_000).unwrap(), "https://www.linkedin.com/dms-uploads/v/0");
    /// let head = part.to_http(None)?;
    /// assert_eq!(head.headers()["content-type"], "application/octet-stream");
    /// assert!(head.headers().get("authorization").is_none());
    /// # Ok::<(), http::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// An [`http::Error`] for a token that is not a valid header value.
    pub fn to_http(&self, access_token: Option<&str>) -> Result<http::Request<()>, http::Error> {
        let mut builder = http::Request::put(self.url.as_str())
            .header(http::header::CONTENT_TYPE, "application/octet-stream")
            .header(http::header::CONTENT_LENGTH, self.range.len());
        if let Some(token) = access_token.filter(|_| self.sends_token()) {
            let mut value = http::HeaderValue::try_from(format!("Bearer {token}"))?;
            value.set_sensitive(true);
            builder = builder.header(http::header::AUTHORIZATION, value);
        }
        builder.body(())
    }
}

/// How parts are sent: at most `max_in_flight` open at once, each tried at
/// most `max_attempts` times, waiting `base_delay x 2^(attempt-1)` (at
/// most `max_delay`, scaled by a jitter in [0.5, 1]) between attempts.
///
/// ```
/// use linkedin::resources::media::PartRules;
/// use std::time::Duration;
///
/// let rules = PartRules::new().max_in_flight(8)?.max_attempts(3)?;
/// assert_eq!(rules.in_flight(), 8);
/// assert_eq!(rules.backoff(1, 1.0), Duration::from_secs(1));
/// assert_eq!(rules.backoff(2, 0.0), Duration::from_secs(1));
/// assert!(PartRules::new().max_in_flight(0).is_err());
/// # Ok::<(), linkedin::resources::media::MediaError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartRules {
    max_in_flight: usize,
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for PartRules {
    fn default() -> Self {
        PartRules {
            max_in_flight: 4,
            max_attempts: 4,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl PartRules {
    /// Four parts in flight, four attempts each, 1 s to 30 s between them.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::media::PartRules::new().attempts(), 4);
    /// ```
    pub fn new() -> Self {
        PartRules::default()
    }

    /// At most `parts` parts open at once (1 to 64): handed out and not yet
    /// confirmed, including those waiting to be retried, so a transport's
    /// memory is at most `parts x 4 MiB`.
    ///
    /// ```
    /// assert!(linkedin::resources::media::PartRules::new().max_in_flight(65).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::Option`] out of 1 to 64.
    pub fn max_in_flight(mut self, parts: usize) -> Result<Self, MediaError> {
        if !(1..=64).contains(&parts) {
            return Err(MediaError::Option {
                name: "max_in_flight",
                bounds: "1 to 64",
                value: parts as u64,
            });
        }
        self.max_in_flight = parts;
        Ok(self)
    }

    /// Each part tried at most `attempts` times (1 to 10).
    ///
    /// ```
    /// assert!(linkedin::resources::media::PartRules::new().max_attempts(0).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::Option`] out of 1 to 10.
    pub fn max_attempts(mut self, attempts: u32) -> Result<Self, MediaError> {
        if !(1..=10).contains(&attempts) {
            return Err(MediaError::Option {
                name: "max_attempts",
                bounds: "1 to 10",
                value: u64::from(attempts),
            });
        }
        self.max_attempts = attempts;
        Ok(self)
    }

    /// The wait before a second attempt, and the cap of every wait (both at
    /// most 10 minutes; `max` at least `base`).
    ///
    /// ```
    /// use std::time::Duration;
    /// let rules = linkedin::resources::media::PartRules::new()
    ///     .delays(Duration::from_millis(100), Duration::from_secs(2))?;
    /// assert_eq!(rules.backoff(10, 1.0), Duration::from_secs(2));
    /// # Ok::<(), linkedin::resources::media::MediaError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MediaError::Option`] for a `max` under `base` or over 10 minutes.
    pub fn delays(mut self, base: Duration, max: Duration) -> Result<Self, MediaError> {
        if max < base || max > Duration::from_secs(600) {
            return Err(MediaError::Option {
                name: "max delay (milliseconds)",
                bounds: "at least the base delay and at most 600000",
                value: u64::try_from(max.as_millis()).unwrap_or(u64::MAX),
            });
        }
        self.base_delay = base;
        self.max_delay = max;
        Ok(self)
    }

    /// The most parts open at once.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::media::PartRules::new().in_flight(), 4);
    /// ```
    pub fn in_flight(&self) -> usize {
        self.max_in_flight
    }

    /// The most attempts per part.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::media::PartRules::new().attempts(), 4);
    /// ```
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait after failed attempt `attempt` (from 1), with `jitter` in
    /// [0, 1] (anything else counts as 1) scaling it into [0.5, 1] of the
    /// exponential delay.
    ///
    /// ```
    /// use std::time::Duration;
    /// let rules = linkedin::resources::media::PartRules::new();
    /// assert_eq!(rules.backoff(3, 1.0), Duration::from_secs(4));
    /// assert_eq!(rules.backoff(3, f64::NAN), Duration::from_secs(4));
    /// assert_eq!(rules.backoff(30, 1.0), Duration::from_secs(30));
    /// ```
    pub fn backoff(&self, attempt: u32, jitter: f64) -> Duration {
        let jitter = if (0.0..=1.0).contains(&jitter) {
            jitter
        } else {
            1.0
        };
        let exponent = attempt.saturating_sub(1).min(20);
        let full = self
            .base_delay
            .saturating_mul(1u32 << exponent)
            .min(self.max_delay);
        full.mul_f64(0.5 + 0.5 * jitter)
    }
}

/// Bytes confirmed so far of all an upload's files, for a progress bar.
///
/// ```
/// use linkedin::resources::media::Progress;
/// let progress = Progress { confirmed: 25, total: 100 };
/// assert_eq!(progress.fraction(), 0.25);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Bytes whose PUT succeeded.
    pub confirmed: u64,
    /// Bytes to PUT in all (the media, and a thumbnail and captions).
    pub total: u64,
}

impl Progress {
    /// `confirmed / total`, 0 when there is nothing to send.
    ///
    /// ```
    /// assert_eq!(linkedin::resources::media::Progress::default().fraction(), 0.0);
    /// ```
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.confirmed as f64 / self.total as f64
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum PartState {
    /// Never handed out.
    Pending,
    /// Handed out; its outcome not fed yet.
    InFlight,
    /// Failed; to be handed out again at `until`.
    Backoff { until: Instant },
    /// Confirmed, with its ETag (empty where none is needed).
    Done { etag: String },
}

#[derive(Clone)]
struct Part {
    kind: PartKind,
    range: ByteRange,
    url: String,
    attempts: u32,
    state: PartState,
}

impl fmt::Debug for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Part")
            .field("kind", &self.kind)
            .field("range", &self.range)
            .field("url", &shown_url(&self.url))
            .field("attempts", &self.attempts)
            .field("state", &self.state)
            .finish()
    }
}

/// `text` without one pair of surrounding double quotes.
fn unquote(text: &str) -> &str {
    text.strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
        .unwrap_or(text)
}

/// What the scheduler says to do now.
#[derive(Debug)]
pub(crate) enum PartStep {
    Put(PartUpload),
    /// Nothing to hand out: wait for an outcome, or until `until`.
    Wait {
        until: Option<Instant>,
        in_flight: usize,
    },
    /// Every part is confirmed: the media parts' ETags in order.
    AllDone(Vec<String>),
}

/// The parts of one upload and their states.
#[derive(Debug, Clone)]
pub(crate) struct Parts {
    parts: Vec<Part>,
    rules: PartRules,
    /// Whether media parts need an ETag (the video's do).
    needs_etag: bool,
    /// The lowest index never handed out.
    next_fresh: usize,
}

impl Parts {
    pub(crate) fn new(
        pieces: Vec<(PartKind, ByteRange, String)>,
        rules: PartRules,
        needs_etag: bool,
    ) -> Self {
        let parts = pieces
            .into_iter()
            .map(|(kind, range, url)| Part {
                kind,
                range,
                url,
                attempts: 0,
                state: PartState::Pending,
            })
            .collect();
        Parts {
            parts,
            rules,
            needs_etag,
            next_fresh: 0,
        }
    }

    fn open(&self) -> usize {
        self.parts
            .iter()
            .filter(|p| matches!(p.state, PartState::InFlight | PartState::Backoff { .. }))
            .count()
    }

    fn hand_out(&mut self, index: usize) -> Option<PartUpload> {
        let part = self.parts.get_mut(index)?;
        part.attempts += 1;
        part.state = PartState::InFlight;
        Some(PartUpload {
            index,
            kind: part.kind,
            range: part.range,
            url: part.url.clone(),
            attempt: part.attempts,
        })
    }

    pub(crate) fn next(&mut self, now: Instant) -> PartStep {
        // A retry that is due first: it is open already, so it does not
        // change how many are.
        let due = self
            .parts
            .iter()
            .position(|p| matches!(p.state, PartState::Backoff { until } if until <= now));
        if let Some(part) = due.and_then(|index| self.hand_out(index)) {
            return PartStep::Put(part);
        }
        // Fresh parts strictly in order, while fewer than the limit are open.
        if self.next_fresh < self.parts.len() && self.open() < self.rules.max_in_flight {
            let index = self.next_fresh;
            self.next_fresh += 1;
            if let Some(part) = self.hand_out(index) {
                return PartStep::Put(part);
            }
        }
        let in_flight = self
            .parts
            .iter()
            .filter(|p| p.state == PartState::InFlight)
            .count();
        let until = self
            .parts
            .iter()
            .filter_map(|p| match p.state {
                PartState::Backoff { until } => Some(until),
                _ => None,
            })
            .min();
        if in_flight == 0 && until.is_none() && self.next_fresh >= self.parts.len() {
            let etags = self
                .parts
                .iter()
                .filter(|p| p.kind == PartKind::Media)
                .filter_map(|p| match &p.state {
                    PartState::Done { etag } => Some(etag.clone()),
                    _ => None,
                })
                .collect();
            return PartStep::AllDone(etags);
        }
        PartStep::Wait { until, in_flight }
    }

    fn in_flight(&mut self, index: usize) -> Result<&mut Part, MediaError> {
        match self.parts.get_mut(index) {
            Some(part) if part.state == PartState::InFlight => Ok(part),
            Some(_) => Err(MediaError::Unexpected {
                what: format!("an outcome for part {index}, which is not in flight"),
            }),
            None => Err(MediaError::Unexpected {
                what: format!("an outcome for part {index}, which does not exist"),
            }),
        }
    }

    /// Part `index` arrived with `etag` (`None`: the answer had none).
    pub(crate) fn uploaded(
        &mut self,
        index: usize,
        etag: Option<&str>,
        now: Instant,
        jitter: f64,
    ) -> Result<(), MediaError> {
        let needs_etag = self.needs_etag;
        let part = self.in_flight(index)?;
        // The Videos page lists `uploadedPartIds` unquoted
        // ("/ambry-video/signedId/..."), while HTTP writes an ETag quoted;
        // both readings are safe: one pair of surrounding quotes is dropped.
        let etag = etag.map(str::trim).map(unquote).filter(|e| {
            !e.is_empty() && e.len() <= MAX_ETAG_LEN && e.bytes().all(|b| (0x20..0x7f).contains(&b))
        });
        match etag {
            Some(etag) => {
                part.state = PartState::Done {
                    etag: etag.to_owned(),
                }
            }
            None if needs_etag && part.kind == PartKind::Media => {
                return self.failed(index, PartFailure::MissingEtag, now, jitter);
            }
            None => {
                part.state = PartState::Done {
                    etag: String::new(),
                }
            }
        }
        Ok(())
    }

    /// Part `index` failed with `failure`: back off, or the upload's error
    /// when it may not be tried again.
    pub(crate) fn failed(
        &mut self,
        index: usize,
        failure: PartFailure,
        now: Instant,
        jitter: f64,
    ) -> Result<(), MediaError> {
        self.failed_after(index, failure, now, jitter, None)
    }

    /// As [`failed`](Self::failed), waiting at least `floor` (a
    /// `Retry-After`), capped at the rules' longest delay.
    pub(crate) fn failed_after(
        &mut self,
        index: usize,
        failure: PartFailure,
        now: Instant,
        jitter: f64,
        floor: Option<Duration>,
    ) -> Result<(), MediaError> {
        let rules = self.rules;
        let part = self.in_flight(index)?;
        if failure.is_retryable() && part.attempts < rules.max_attempts {
            let backoff = rules.backoff(part.attempts, jitter);
            let wait = floor.map_or(backoff, |floor| backoff.max(floor.min(rules.max_delay)));
            part.state = PartState::Backoff {
                until: now.checked_add(wait).unwrap_or(now),
            };
            return Ok(());
        }
        Err(MediaError::PartFailed {
            index,
            range: part.range,
            attempts: part.attempts,
            last: failure,
        })
    }

    /// Whether part `index` is confirmed (its PUT succeeded).
    pub(crate) fn is_confirmed(&self, index: usize) -> bool {
        self.parts
            .get(index)
            .is_some_and(|p| matches!(p.state, PartState::Done { .. }))
    }

    pub(crate) fn progress(&self) -> Progress {
        let mut progress = Progress::default();
        for part in &self.parts {
            progress.total = progress.total.saturating_add(part.range.len());
            if matches!(part.state, PartState::Done { .. }) {
                progress.confirmed = progress.confirmed.saturating_add(part.range.len());
            }
        }
        progress
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn backoff_is_bounded_and_grows(
            base_ms in 0u64..5_000,
            extra_ms in 0u64..60_000,
            attempt in 0u32..100,
            jitter in prop_oneof![0.0f64..=1.0, Just(f64::NAN), Just(-3.0), Just(f64::INFINITY)],
        ) {
            let base = Duration::from_millis(base_ms);
            let max = Duration::from_millis(base_ms + extra_ms);
            let rules = PartRules::new().delays(base, max).unwrap();
            let wait = rules.backoff(attempt, jitter);
            prop_assert!(wait <= max);
            let full = rules.backoff(attempt, 1.0);
            prop_assert!(wait >= full / 2);
            prop_assert!(rules.backoff(attempt.saturating_add(1), 1.0) >= full);
        }

        #[test]
        fn any_url_is_checked_without_panicking(url in ".{0,64}") {
            let _ = check_upload_url(&url);
            let _ = token_allowed(&url);
            let _ = shown_url(&url);
        }
    }

    #[test]
    fn the_token_goes_only_to_linkedin_or_loopback() {
        assert!(token_allowed("https://www.linkedin.com/dms-uploads/x"));
        assert!(token_allowed("https://LinkedIn.com/x"));
        assert!(token_allowed("http://127.0.0.1:8080/upload/x"));
        assert!(token_allowed("http://[::1]:8080/upload/x"));
        assert!(
            !token_allowed("http://www.linkedin.com/x"),
            "not over plain http"
        );
        assert!(!token_allowed("https://linkedin.com.evil.example/x"));
        assert!(!token_allowed("https://notlinkedin.com/x"));
        assert!(check_upload_url("http://localhost:1/x").is_ok());
        assert!(check_upload_url("http://10.0.0.1/x").is_err());
        assert!(
            check_upload_url(&format!("https://www.linkedin.com/{}", "a".repeat(9000))).is_err()
        );
    }
}
