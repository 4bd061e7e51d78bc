//! Names of the HTTP headers Rest.li and LinkedIn use.
//!
//! ```
//! assert_eq!(restli_codec::header::RESTLI_ID.as_str(), "x-restli-id");
//! ```

use http::HeaderName;

/// `X-RestLi-Protocol-Version`, always `2.0.0` here.
pub const PROTOCOL_VERSION: HeaderName = HeaderName::from_static("x-restli-protocol-version");
/// The protocol version this crate speaks.
pub const PROTOCOL_VERSION_VALUE: &str = "2.0.0";
/// `X-RestLi-Method`: which of the 14 methods a request is.
pub const RESTLI_METHOD: HeaderName = HeaderName::from_static("x-restli-method");
/// `LinkedIn-Version`: `YYYYMM` or `YYYYMM.RR` for the versioned APIs.
pub const LINKEDIN_VERSION: HeaderName = HeaderName::from_static("linkedin-version");
/// `X-RestLi-Id`: the reduced-encoded id of a created entity.
pub const RESTLI_ID: HeaderName = HeaderName::from_static("x-restli-id");
/// `X-RestLi-Error-Response: true` marks error bodies.
pub const ERROR_RESPONSE: HeaderName = HeaderName::from_static("x-restli-error-response");
/// `X-HTTP-Method-Override`: the verb of a tunneled request.
pub const METHOD_OVERRIDE: HeaderName = HeaderName::from_static("x-http-method-override");
