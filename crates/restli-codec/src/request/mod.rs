//! Requests for the 14 Rest.li methods, built like reqwest requests and
//! turned into `http::Request<Vec<u8>>`.
//!
//! Required things are arguments of the constructor (the ids of a batch, the
//! entity to create, the finder's name); optional things are chained
//! methods. Each constructor of [`Request`] returns the type of its method
//! ([`Get`], [`BatchGet`], [`Finder`], ...), which knows the response it is
//! answered with ([`RestliRequest`]): a transport's `send` then returns that
//! response, and a finder sent where an entity is expected does not compile.
//! A method chosen at run time (a command-line tool) goes through the
//! explicitly untyped [`DynamicRequest`], answered by a
//! [`RawResponse`](crate::response::RawResponse).
//!
//! Nothing is sent: `to_http` gives the exact bytes a transport should put
//! on the wire, tunneled when the query is too long.
//!
//! ```
//! use linkedin::restli::{Request, RequestConfig};
//! use serde_json::json;
//!
//! let config = RequestConfig::new().with_version("202406".parse()?);
//! let request = Request::finder("/adAccounts", "search")
//!     .param("search", &json!({"status": {"values": ["ACTIVE"]}, "test": false}))
//!     .fields("id,name")
//!     .to_http(&config, Some("my-token"))?;
//!
//! assert_eq!(request.method(), http::Method::GET);
//! assert_eq!(
//!     request.uri(),
//!     "https://api.linkedin.com/rest/adAccounts?fields=id,name&q=search&search=(status:(values:List(ACTIVE)),test:false)"
//! );
//! assert_eq!(request.headers()["x-restli-method"], "finder");
//! assert_eq!(request.headers()["linkedin-version"], "202406");
//! assert_eq!(request.headers()["authorization"], "Bearer my-token");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod config;
mod dynamic;
mod error;
mod target;
mod typed;

pub use config::{DEFAULT_USER_AGENT, RequestConfig};
pub use dynamic::DynamicRequest;
pub use error::RequestError;
pub use typed::{
    Action, BatchCreate, BatchDelete, BatchFinder, BatchGet, BatchPartialUpdate, BatchUpdate,
    Create, Delete, Finder, Get, GetAll, Paginated, PartialUpdate, Request, RestliRequest, Update,
};
