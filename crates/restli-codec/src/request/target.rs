//! Where a request goes (the API root, the filled path, the query) and the
//! exact `http::Request` it becomes, tunneled when the query is too long.

use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue, USER_AGENT};

use super::{DynamicRequest, RequestConfig, RequestError};
use crate::endpoint::ApiBase;
use crate::excerpt;
use crate::header;
use crate::path::fill_template_into;
use crate::tunnel;
use crate::version::LinkedInVersion;

/// Where a request goes, resolved: the whole URL (the query written
/// straight after the path, into the same string), where its query starts,
/// and whether a `LinkedIn-Version` is sent.
struct Target<'a> {
    url: String,
    /// The offset of the query string in `url` (after its `?`), when there
    /// is one.
    query_at: Option<usize>,
    version: Option<&'a LinkedInVersion>,
}

impl Target<'_> {
    /// The query string (empty without one).
    fn query(&self) -> &str {
        self.query_at
            .and_then(|at| self.url.get(at..))
            .unwrap_or_default()
    }
}

/// LinkedIn's API origin, as pasted from its documentation.
const LINKEDIN_API_ORIGIN: &str = "https://api.linkedin.com";

/// Splits a `/rest/...` or `/v2/...` prefix (or a full
/// `https://api.linkedin.com/...` URL) off a path as given by the caller:
/// the root it names and the path below it. Any other absolute URL is
/// refused.
fn split_root(path: &str) -> Result<(Option<ApiBase>, &str), RequestError> {
    let mut rest = path;
    let mut absolute = false;
    if let Some(scheme_end) = path.find("://") {
        let origin_len = path
            .get(scheme_end + 3..)
            .and_then(|after| after.find('/'))
            .map_or(path.len(), |i| scheme_end + 3 + i);
        let origin = path.get(..origin_len).unwrap_or(path);
        if !origin.eq_ignore_ascii_case(LINKEDIN_API_ORIGIN) {
            return Err(RequestError::PathPrefix {
                prefix: excerpt::quote(origin),
                reason: "only https://api.linkedin.com/rest/... and /v2/... URLs are understood; \
                         give the path alone and set the client's endpoint for other hosts",
            });
        }
        rest = path.get(origin_len..).unwrap_or_default();
        absolute = true;
    }
    for base in [ApiBase::Rest, ApiBase::V2] {
        if let Some(below) = rest.strip_prefix(base.prefix())
            && (below.is_empty() || below.starts_with(['/', '?']))
        {
            return Ok((Some(base), below));
        }
    }
    if absolute {
        return Err(RequestError::PathPrefix {
            prefix: excerpt::quote(
                path.get(..path.len().min(LINKEDIN_API_ORIGIN.len() + 6))
                    .unwrap_or(path),
            ),
            reason: "a https://api.linkedin.com URL must continue with /rest/ or /v2/",
        });
    }
    Ok((None, rest))
}

impl DynamicRequest {
    /// The full URL, before any tunneling.
    ///
    /// ```
    /// let url = linkedin::restli::Request::get("/me").url(&Default::default())?;
    /// assert_eq!(url, "https://api.linkedin.com/v2/me");
    /// # Ok::<(), linkedin::restli::RequestError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any error a builder method met, or a path template whose keys do not
    /// match.
    pub fn url(&self, config: &RequestConfig) -> Result<String, RequestError> {
        Ok(self.target(config)?.url)
    }

    /// Resolves the root (`/rest` or `/v2`), the path and the query.
    fn target<'a>(&'a self, config: &'a RequestConfig) -> Result<Target<'a>, RequestError> {
        if let Some(error) = &self.error {
            return Err(error.clone());
        }
        let (from_path, path) = split_root(&self.path)?;
        let base = match (self.base, from_path) {
            (Some(chosen), Some(written)) if chosen != written => {
                return Err(RequestError::PathPrefix {
                    prefix: excerpt::quote(written.prefix()),
                    reason: "the path's prefix names the other root than Request::base",
                });
            }
            (Some(chosen), _) => chosen,
            (None, Some(written)) => written,
            (None, None) if self.version.is_some() || config.version.is_some() => ApiBase::Rest,
            (None, None) => ApiBase::V2,
        };
        let version = match base {
            ApiBase::Rest => Some(
                self.version
                    .as_ref()
                    .or(config.version.as_ref())
                    .ok_or_else(|| RequestError::MissingVersion {
                        path: excerpt::quote(&self.path),
                    })?,
            ),
            // The client's default is for /rest; an explicit one is sent.
            ApiBase::V2 => self.version.as_ref(),
        };
        let root = config.endpoint.root(base).as_str();
        // One string for the whole URL, sized for the usual case (keys and
        // names that need no escaping) so it grows at most once.
        let keys: usize = self.keys.values().map(String::len).sum();
        let query: usize = self
            .query
            .iter()
            .map(|(name, value)| name.len() + value.len() + 2)
            .sum();
        let mut url = String::with_capacity(root.len() + 1 + path.len() + keys + query);
        url.push_str(root);
        let path_at = url.len();
        fill_template_into(path, &self.keys, &mut url)?;
        if url.len() > path_at && url.as_bytes().get(path_at) != Some(&b'/') {
            url.insert(path_at, '/');
        }
        let query_at = if self.query.is_empty() {
            None
        } else {
            url.push('?');
            let at = url.len();
            self.query.write_to(&mut url);
            Some(at)
        };
        Ok(Target {
            url,
            query_at,
            version,
        })
    }

    /// The HTTP request to send: verb, URL, the Rest.li and LinkedIn
    /// headers, the bearer token when given, the JSON body; tunneled when
    /// the query string is longer than the config's threshold.
    ///
    /// The decision is made on the query string before any `http::Uri` is
    /// built, so a query longer than a URI can hold (65,534 bytes; a
    /// BATCH_GET of 20,000 ids) is tunneled rather than refused.
    ///
    /// ```
    /// let http = linkedin::restli::Request::batch_get("/x", 0..2000)
    ///     .to_http(&Default::default(), Some("t"))?;
    /// assert_eq!(http.method(), http::Method::POST);
    /// assert_eq!(http.headers()["x-http-method-override"], "GET");
    /// assert!(http.body().starts_with(b"ids=List(0,1,2,"));
    /// # Ok::<(), linkedin::restli::RequestError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any [`RequestError`].
    pub fn to_http(
        &self,
        config: &RequestConfig,
        access_token: Option<&str>,
    ) -> Result<http::Request<Vec<u8>>, RequestError> {
        self.to_http_and_url(config, access_token)
            .map(|(request, _)| request)
    }

    /// [`to_http`](Self::to_http) and [`url`](Self::url) at once, from one
    /// resolution of the path and the query (what an exchange keeps).
    pub(crate) fn to_http_and_url(
        &self,
        config: &RequestConfig,
        access_token: Option<&str>,
    ) -> Result<(http::Request<Vec<u8>>, String), RequestError> {
        let target = self.target(config)?;
        let version = target.version;
        let query = target.query();
        let tunneled = !query.is_empty() && tunnel::needs_tunnel(query, config.tunnel_threshold);
        // A tunneled query leaves the URL for the body.
        let (url, tunneled_query) = match target.query_at {
            Some(at) if tunneled => (
                target.url.get(..at.saturating_sub(1)).unwrap_or_default(),
                query,
            ),
            _ => (target.url.as_str(), ""),
        };
        if url.len() > tunnel::MAX_URI_LEN {
            return Err(RequestError::Url {
                url: excerpt::quote(url),
                len: url.len(),
                reason: format!(
                    "longer than an http::Uri holds ({} bytes){}",
                    tunnel::MAX_URI_LEN,
                    if tunneled {
                        ""
                    } else {
                        "; lower the tunnel threshold"
                    }
                ),
            });
        }
        let body = match &self.body {
            Some(value) => serde_json::to_vec(value).map_err(|e| RequestError::Body {
                what: "the body",
                reason: e.to_string(),
            })?,
            None => Vec::new(),
        };
        let mut request = http::Request::builder()
            .method(self.method.http_method())
            .uri(url)
            .body(body)
            .map_err(|e| RequestError::Url {
                url: excerpt::quote(url),
                len: url.len(),
                reason: e.to_string(),
            })?;
        let headers = request.headers_mut();
        headers.insert(
            header::PROTOCOL_VERSION,
            HeaderValue::from_static(header::PROTOCOL_VERSION_VALUE),
        );
        headers.insert(
            header::RESTLI_METHOD,
            HeaderValue::from_static(self.method.as_str()),
        );
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        headers.insert(
            USER_AGENT,
            if config.user_agent == super::config::DEFAULT_USER_AGENT {
                // The usual case, without a copy.
                Ok(HeaderValue::from_static(super::config::DEFAULT_USER_AGENT))
            } else {
                HeaderValue::from_str(&config.user_agent)
            }
            .map_err(|_| RequestError::Header {
                name: "\"user-agent\"".into(),
                reason: "the user agent suffix has characters a header cannot carry",
            })?,
        );
        if let Some(version) = version {
            headers.insert(
                header::LINKEDIN_VERSION,
                HeaderValue::from_str(version.as_str()).map_err(|_| RequestError::Header {
                    name: "\"linkedin-version\"".into(),
                    reason: "invalid version",
                })?,
            );
        }
        if self.body.is_some() {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        if let Some(token) = access_token {
            // One exact-size string (not `format!`): this runs on every call.
            let mut bearer = String::with_capacity("Bearer ".len() + token.len());
            bearer.push_str("Bearer ");
            bearer.push_str(token);
            let mut value = HeaderValue::try_from(bearer).map_err(|_| RequestError::Header {
                name: "\"authorization\"".into(),
                reason: "the access token has characters a header cannot carry",
            })?;
            value.set_sensitive(true);
            headers.insert(AUTHORIZATION, value);
        }
        for (name, value) in &self.headers {
            headers.insert(name.clone(), value.clone());
        }
        if tunneled {
            let (parts, body) = request.into_parts();
            request = tunnel::tunnel_parts(parts, tunneled_query, body)?;
        }
        Ok((request, target.url))
    }
}
