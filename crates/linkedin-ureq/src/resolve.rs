//! [`CachingResolver`]: name resolution without a thread per request.
//!
//! ureq resolves the host of every request, even one that then goes out on
//! a pooled connection, and its default resolver enforces a timeout by
//! running each lookup on a freshly spawned thread. With a per-request
//! timeout (which this crate always sets) that is one `clone3` per call,
//! and it halved the blocking client's rate against bare ureq (issue 17).
//! This resolver answers IP literals without any lookup and keeps a small,
//! short-lived cache of host names, so a thread is spawned only when a name
//! is looked up for real (at most once per [`CACHE_TTL`] per host).

use std::collections::VecDeque;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// How long a looked-up host name is reused: short, so a moved host is
/// followed quickly; long enough that a busy client looks a name up a few
/// times a minute instead of once per request.
///
/// ```
/// assert_eq!(linkedin::blocking::CACHE_TTL.as_secs(), 30);
/// ```
pub const CACHE_TTL: Duration = Duration::from_secs(30);

/// How many host names are remembered; the oldest is forgotten first. A
/// LinkedIn client talks to one or two hosts (API and OAuth).
const CACHE_ENTRIES: usize = 8;

/// A ureq [`Resolver`] that spawns no thread for IP literals or for a host
/// looked up less than [`CACHE_TTL`] ago; other lookups go to ureq's
/// [`DefaultResolver`] (a thread bounded by the request's timeout).
///
/// [`HttpClient::new`](crate::HttpClient::new) uses it. For an agent you build
/// yourself, pass it to [`ureq::Agent::with_parts`]:
///
/// ```
/// use ureq::unversioned::transport::DefaultConnector;
///
/// let config = linkedin::blocking::HttpClient::agent_config().build();
/// let agent = ureq::Agent::with_parts(
///     config,
///     DefaultConnector::new(),
///     linkedin::blocking::CachingResolver::new(),
/// );
/// let http = linkedin::blocking::HttpClient::from_agent(agent);
/// # let _ = http;
/// ```
#[derive(Default)]
pub struct CachingResolver {
    inner: DefaultResolver,
    cache: Mutex<VecDeque<Entry>>,
}

struct Entry {
    key: String,
    addrs: ResolvedSocketAddrs,
    at: Instant,
}

impl CachingResolver {
    /// An empty cache in front of ureq's [`DefaultResolver`].
    ///
    /// ```
    /// let resolver = linkedin::blocking::CachingResolver::new();
    /// # let _ = resolver;
    /// ```
    pub fn new() -> Self {
        CachingResolver::default()
    }

    fn cached(&self, key: &str, now: Instant) -> Option<ResolvedSocketAddrs> {
        let cache = self.cache.lock().ok()?;
        cache
            .iter()
            .find(|e| e.key == key && now.saturating_duration_since(e.at) < CACHE_TTL)
            .map(|e| e.addrs.clone())
    }

    fn remember(&self, key: String, addrs: &ResolvedSocketAddrs, now: Instant) {
        // A poisoned lock only means another thread panicked mid-update of
        // a cache: skip caching rather than fail the request.
        let Ok(mut cache) = self.cache.lock() else {
            return;
        };
        cache.retain(|e| e.key != key);
        while cache.len() >= CACHE_ENTRIES {
            cache.pop_front();
        }
        cache.push_back(Entry {
            key,
            addrs: addrs.clone(),
            at: now,
        });
    }
}

impl Resolver for CachingResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let (Some(scheme), Some(authority)) = (uri.scheme(), uri.authority()) else {
            // Not a full URL: ureq's resolver says why.
            return self.inner.resolve(uri, config, timeout);
        };
        let host = authority.host();
        // `[::1]` arrives with its brackets.
        let literal = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(host);
        let port = authority.port_u16().or(match scheme.as_str() {
            "http" => Some(80),
            "https" => Some(443),
            _ => None,
        });
        if let (Ok(ip), Some(port)) = (literal.parse::<IpAddr>(), port) {
            let family = config.ip_family();
            let wanted = family.keep_wanted(std::iter::once(SocketAddr::new(ip, port)));
            let mut addrs = self.empty();
            for addr in wanted {
                addrs.push(addr);
            }
            if !addrs.is_empty() {
                return Ok(addrs);
            }
            return Err(ureq::Error::HostNotFound);
        }
        // The cache key includes the address family asked for, so a
        // request restricted to IPv4 never gets an IPv6-only answer.
        let key = format!("{scheme}://{authority}#{:?}", config.ip_family());
        let now = Instant::now();
        if let Some(addrs) = self.cached(&key, now) {
            return Ok(addrs);
        }
        let addrs = self.inner.resolve(uri, config, timeout)?;
        self.remember(key, &addrs, now);
        Ok(addrs)
    }
}

impl fmt::Debug for CachingResolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CachingResolver").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ureq::unversioned::transport::time::Duration as UreqDuration;

    fn resolve(r: &CachingResolver, uri: &str) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let config = ureq::Agent::config_builder().build();
        let timeout = NextTimeout {
            after: UreqDuration::from(Duration::from_secs(5)),
            reason: ureq::Timeout::Resolve,
            ..NextTimeout::default()
        };
        r.resolve(&uri.parse().unwrap(), &config, timeout)
    }

    #[test]
    fn ip_literals_are_answered_without_a_lookup() {
        let r = CachingResolver::new();
        let v4 = resolve(&r, "http://127.0.0.1:8080/x").unwrap();
        assert_eq!(
            v4.as_ref(),
            &["127.0.0.1:8080".parse::<SocketAddr>().unwrap()]
        );
        let v6 = resolve(&r, "https://[::1]/x").unwrap();
        assert_eq!(v6.as_ref(), &["[::1]:443".parse::<SocketAddr>().unwrap()]);
        // Literals never enter the cache.
        assert!(r.cache.lock().unwrap().is_empty());
    }

    #[test]
    fn names_are_cached_and_the_cache_is_bounded() {
        let r = CachingResolver::new();
        let first = resolve(&r, "http://localhost:9/").unwrap();
        assert!(!first.is_empty());
        assert_eq!(r.cache.lock().unwrap().len(), 1);
        let again = resolve(&r, "http://localhost:9/other").unwrap();
        assert_eq!(first.as_ref(), again.as_ref());
        assert_eq!(r.cache.lock().unwrap().len(), 1);
        for port in 10..30 {
            resolve(&r, &format!("http://localhost:{port}/")).unwrap();
        }
        assert_eq!(r.cache.lock().unwrap().len(), CACHE_ENTRIES);
    }

    #[test]
    fn stale_entries_are_looked_up_again() {
        let r = CachingResolver::new();
        resolve(&r, "http://localhost:9/").unwrap();
        let old = Instant::now() - CACHE_TTL - Duration::from_secs(1);
        r.cache.lock().unwrap().front_mut().unwrap().at = old;
        assert!(r.cached("http://localhost:9#Any", Instant::now()).is_none());
        resolve(&r, "http://localhost:9/").unwrap();
        assert!(r.cache.lock().unwrap().front().unwrap().at > old);
    }
}
