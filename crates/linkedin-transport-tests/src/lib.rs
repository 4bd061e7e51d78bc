//! One test suite for both transports of linkedin-rs.
//!
//! Every scenario (the 14 Rest.li methods, tunneling, retries, timeouts,
//! paging, token refresh, body limits, spans, logs without secrets, the
//! hostile server of `linkedin-test-support`, LinkedIn's documented
//! answers, the sandbox) is written once, as a function generic over
//! [`Transport`]. A transport implements [`Transport`] once, in its own
//! `tests/suite.rs`, and [`transport_suite!`] turns every scenario into a
//! `#[test]` for it, so `linkedin-reqwest` and `linkedin-ureq` run the same
//! scenarios from one source against the same servers.
//!
//! All calls of a transport's API stay inside its adapter: a scenario only
//! sees [`Transport`], [`Setup`] and the codec's and OAuth crate's types.
//!
//! The servers:
//! - scripted answers and byte-level faults: `linkedin_test_support`'s
//!   [`HostileServer`](linkedin_test_support::HostileServer), for both;
//! - LinkedIn's documented answers: its `documented` handler on that server;
//! - Rest.li semantics end to end: `linkedin-sandbox`.
//!
//! ```
//! // In a transport's `tests/suite.rs` (with an adapter type `MyAdapter`):
//! // linkedin_transport_tests::transport_suite!(MyAdapter);
//! let setup = linkedin_transport_tests::Setup::new("http://127.0.0.1:1");
//! assert!(setup.origin.is_some());
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod documented;
pub mod hostile;
pub mod logs;
pub mod methods;
pub mod paging;
pub mod reports;
pub mod retries;
pub mod sandbox;
pub mod secrets;
pub mod spans;
pub mod timeouts;
pub mod tokens;
pub mod typed_apis;
pub mod uploads;
pub mod wire;

use std::fmt::Debug;
use std::sync::Arc;
use std::time::Duration;

use linkedin_client_core::Error;
use linkedin_client_core::api::Caller;
use linkedin_oauth::{
    AccessToken, BaseUrl, CodeExchange, Introspection, OAuthConfig, RefreshedToken,
    ThreeLeggedToken, TokenSet, TwoLeggedToken,
};
use restli_codec::response::{CollectionResponse, EntityResponse};
use restli_codec::{FromResponse, Get, Paginated, RestliRequest, RetryPolicy};
use serde::de::DeserializeOwned;

/// A callback a token source runs after each renewal.
pub type OnRefresh = Arc<dyn Fn(&TokenSet) + Send + Sync>;

/// How a client authenticates its calls.
#[derive(Clone, Default)]
pub enum Auth {
    /// No token at all.
    #[default]
    None,
    /// A static token.
    Static(AccessToken),
    /// A token source renewing `tokens` through `oauth`, with an optional
    /// callback after each renewal.
    Refreshing {
        /// The application renewing the tokens.
        oauth: OAuthConfig,
        /// The tokens to start from.
        tokens: TokenSet,
        /// Run after each renewal.
        on_refresh: Option<OnRefresh>,
    },
    /// A token source fetching 2-legged tokens for `oauth`.
    ClientCredentials(OAuthConfig),
}

/// Everything a scenario configures on a client; an adapter maps each field
/// onto its transport's builder.
///
/// ```
/// use std::time::Duration;
/// use linkedin_transport_tests::Setup;
///
/// let setup = Setup::new("http://127.0.0.1:1").timeout(Duration::from_millis(300));
/// assert_eq!(setup.timeout, Some(Duration::from_millis(300)));
/// ```
#[derive(Clone, Default)]
pub struct Setup {
    /// The server's origin (`http://127.0.0.1:PORT`); `None` keeps
    /// LinkedIn's (for clients that never send).
    pub origin: Option<String>,
    /// A default `LinkedIn-Version` (makes `/rest` the default root).
    pub version: Option<&'static str>,
    /// The token configuration.
    pub auth: Auth,
    /// An OAuth application for the OAuth calls.
    pub oauth: Option<OAuthConfig>,
    /// The OAuth base URL of the client (also used by its token source).
    pub oauth_base_url: Option<BaseUrl>,
    /// The retry policy; `None` keeps the client's default.
    pub retry: Option<RetryPolicy>,
    /// The per-attempt timeout.
    pub timeout: Option<Duration>,
    /// The total timeout of a call.
    pub total_timeout: Option<Duration>,
    /// A response body limit for the HTTP stack (the default otherwise).
    pub max_body_size: Option<u64>,
}

impl Setup {
    /// A client for `origin`, with retries whose backoff is short enough
    /// for tests (10 ms base, 50 ms cap) and no token.
    ///
    /// ```
    /// let setup = linkedin_transport_tests::Setup::new("http://127.0.0.1:1");
    /// assert!(setup.retry.is_some());
    /// ```
    pub fn new(origin: &str) -> Setup {
        Setup {
            origin: Some(origin.to_owned()),
            retry: Some(fast_retries()),
            ..Setup::default()
        }
    }

    /// This static token.
    ///
    /// ```
    /// let setup = linkedin_transport_tests::Setup::new("http://127.0.0.1:1").token("t");
    /// assert!(matches!(setup.auth, linkedin_transport_tests::Auth::Static(_)));
    /// ```
    pub fn token(mut self, token: &str) -> Setup {
        self.auth = Auth::Static(AccessToken::new(token));
        self
    }

    /// This token configuration.
    ///
    /// ```
    /// use linkedin_transport_tests::{Auth, Setup};
    /// let setup = Setup::new("http://127.0.0.1:1").auth(Auth::None);
    /// assert!(matches!(setup.auth, Auth::None));
    /// ```
    pub fn auth(mut self, auth: Auth) -> Setup {
        self.auth = auth;
        self
    }

    /// This retry policy.
    ///
    /// ```
    /// use linkedin_transport_tests::Setup;
    /// let setup = Setup::new("http://127.0.0.1:1").retry(restli_codec::RetryPolicy::none());
    /// # let _ = setup;
    /// ```
    pub fn retry(mut self, policy: RetryPolicy) -> Setup {
        self.retry = Some(policy);
        self
    }

    /// This per-attempt timeout.
    ///
    /// ```
    /// use std::time::Duration;
    /// let setup = linkedin_transport_tests::Setup::new("http://127.0.0.1:1").timeout(Duration::from_secs(1));
    /// assert_eq!(setup.timeout, Some(Duration::from_secs(1)));
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Setup {
        self.timeout = Some(timeout);
        self
    }

    /// This total timeout.
    ///
    /// ```
    /// use std::time::Duration;
    /// let setup = linkedin_transport_tests::Setup::new("http://127.0.0.1:1").total_timeout(Duration::from_secs(1));
    /// assert_eq!(setup.total_timeout, Some(Duration::from_secs(1)));
    /// ```
    pub fn total_timeout(mut self, total: Duration) -> Setup {
        self.total_timeout = Some(total);
        self
    }

    /// This response body limit.
    ///
    /// ```
    /// let setup = linkedin_transport_tests::Setup::new("http://127.0.0.1:1").max_body_size(1024);
    /// assert_eq!(setup.max_body_size, Some(1024));
    /// ```
    pub fn max_body_size(mut self, bytes: u64) -> Setup {
        self.max_body_size = Some(bytes);
        self
    }

    /// This default `LinkedIn-Version`.
    ///
    /// ```
    /// let setup = linkedin_transport_tests::Setup::new("http://127.0.0.1:1").version("202601");
    /// assert_eq!(setup.version, Some("202601"));
    /// ```
    pub fn version(mut self, version: &'static str) -> Setup {
        self.version = Some(version);
        self
    }

    /// This OAuth application.
    ///
    /// ```
    /// use linkedin_oauth::{ClientId, ClientSecret, OAuthConfig};
    /// let app = OAuthConfig::new(ClientId::new("id"), ClientSecret::new("secret"));
    /// let setup = linkedin_transport_tests::Setup::new("http://127.0.0.1:1").oauth(app);
    /// assert!(setup.oauth.is_some());
    /// ```
    pub fn oauth(mut self, config: OAuthConfig) -> Setup {
        self.oauth = Some(config);
        self
    }

    /// This OAuth base URL.
    ///
    /// ```
    /// use linkedin_oauth::BaseUrl;
    /// let base = BaseUrl::parse("http://127.0.0.1:1/oauth/v2").unwrap();
    /// let setup = linkedin_transport_tests::Setup::new("http://127.0.0.1:1").oauth_base_url(base);
    /// assert!(setup.oauth_base_url.is_some());
    /// ```
    pub fn oauth_base_url(mut self, base: BaseUrl) -> Setup {
        self.oauth_base_url = Some(base);
        self
    }
}

/// The retry policy of [`Setup::new`]: the default one with a 10 ms base
/// delay and a 50 ms cap.
///
/// ```
/// let _policy = linkedin_transport_tests::fast_retries();
/// ```
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .base_delay(Duration::from_millis(10))
        .max_delay(Duration::from_millis(50))
}

/// One transport as the scenarios drive it: every call blocks until the
/// answer (an async adapter runs its runtime inside).
///
/// ```
/// // See `crates/linkedin-ureq/tests/suite.rs` and
/// // `crates/linkedin-reqwest/tests/suite.rs` for the two adapters.
/// fn calls_me<T: linkedin_transport_tests::Transport>(client: &T) -> bool {
///     client.send::<restli_codec::EntityResponse>(restli_codec::Request::get("/me")).is_ok()
/// }
/// ```
pub trait Transport: Clone + Debug + Send + Sync + Sized + 'static {
    /// Log targets of this transport's HTTP stack that its TRACE logs
    /// contain (`"reqwest::"`, ...), so the log scenario knows the stack's
    /// own records were captured too.
    const STACK_LOG_TARGETS: &'static [&'static str];

    /// A client configured as `setup` says.
    fn build(setup: Setup) -> Result<Self, Error>;

    /// Sends one request and reads the answer as `R`.
    fn send<R: FromResponse + Send + 'static>(
        &self,
        request: impl RestliRequest<R> + Send + 'static,
    ) -> Result<R, Error>;

    /// The same client, using `token` for its calls.
    fn with_access_token(&self, token: &AccessToken) -> Self;

    /// Every page of a collection, in order, as the transport yields them.
    fn pages<T: DeserializeOwned + Send + 'static>(
        &self,
        request: impl Paginated + Send + 'static,
    ) -> Vec<Result<CollectionResponse<T>, Error>>;

    /// Every element of a collection, in order, as the transport yields
    /// them.
    fn paginate<T: DeserializeOwned + Send + 'static>(
        &self,
        request: impl Paginated + Send + 'static,
    ) -> Vec<Result<T, Error>>;

    /// `callers` concurrent calls of `request()` (released together), read
    /// as entities, in caller order.
    fn concurrently(
        &self,
        callers: usize,
        request: fn(usize) -> Get,
    ) -> Vec<Result<EntityResponse, Error>>;

    /// The token source's current tokens.
    fn tokens(&self) -> Option<TokenSet>;

    /// The authorization-code exchange.
    fn exchange_code(&self, exchange: &CodeExchange) -> Result<ThreeLeggedToken, Error>;

    /// A refresh-token grant.
    fn refresh(
        &self,
        refresh_token: &linkedin_oauth::RefreshToken,
    ) -> Result<RefreshedToken, Error>;

    /// A client-credentials grant.
    fn client_credentials(&self) -> Result<TwoLeggedToken, Error>;

    /// Token introspection.
    fn introspect(&self, token: &AccessToken) -> Result<Introspection, Error>;

    /// Each of the transport's own types that can hold a secret, built
    /// with `oauth` and `tokens` (whose values are the secret): its
    /// builder, a client with a static token, the same with a per-call
    /// token, its token source, a client with that source, its HTTP stack;
    /// named for the failure message.
    fn secret_holders(oauth: OAuthConfig, tokens: TokenSet) -> Vec<(&'static str, Box<dyn Debug>)>;

    // --- media ---
    /// `client.upload(upload, source, progress)`, the bytes from `from`
    /// (a path, or a reader over the bytes given); the outcome and every
    /// progress update, in order.
    fn upload(
        &self,
        upload: linkedin_resources::media::Upload,
        from: uploads::UploadFrom,
    ) -> (
        Result<linkedin_resources::media::Uploaded, Error>,
        Vec<linkedin_resources::media::Progress>,
    );

    // --- report ---

    /// Every row of an ads report (`client.report`), in order, as the
    /// transport yields them.
    fn report(
        &self,
        report: &linkedin_resources::analytics::Report,
    ) -> Vec<Result<linkedin_resources::analytics::Row, Error>>;

    // --- surface ---

    /// The client as the typed handles take it (`Posts::new(caller)` is
    /// what `client.posts()` makes).
    type Caller: Caller;

    /// The client, for the typed handles.
    fn caller(&self) -> &Self::Caller;

    /// Waits for a typed call's answer.
    fn answer<'a, T: Send + 'a>(
        &'a self,
        answer: <Self::Caller as Caller>::Answer<'a, T>,
    ) -> Result<T, Error>;

    /// Every item of a typed walk, in order.
    fn items<'a, T: DeserializeOwned + Send + 'static>(
        &'a self,
        items: <Self::Caller as Caller>::Items<'a, T>,
    ) -> Vec<Result<T, Error>>;
}

/// Instantiates every scenario of this crate as a `#[test]` for the
/// adapter type given (a [`Transport`] in scope at the call site), in one
/// module per scenario module.
///
/// ```ignore
/// // crates/linkedin-ureq/tests/suite.rs
/// linkedin_transport_tests::transport_suite!(UreqAdapter);
/// ```
#[macro_export]
macro_rules! transport_suite {
    ($adapter:ident) => {
        $crate::__scenarios! { $adapter;
            methods {
                all_fourteen_methods_round_trip_with_their_headers,
                an_in_memory_resource_lives_through_all_fourteen_methods,
                a_missing_entity_is_an_api_error_with_linkedins_message,
                error_statuses_are_api_errors_and_redirects_are_not_followed,
                a_batch_get_of_500_complex_keys_is_tunneled_and_decoded,
                a_per_call_token_replaces_the_configured_one,
                a_dot_dot_key_never_reaches_the_server,
            }
            retries {
                a_429_with_retry_after_is_retried_after_at_least_that_long,
                a_429_is_retried_even_for_create,
                a_429_for_create_stops_when_attempts_run_out,
                a_create_answered_with_500_is_not_retried,
                a_get_answered_with_503_is_retried_until_it_succeeds,
                a_get_that_keeps_failing_stops_after_max_attempts_with_the_last_answer,
                a_retry_after_longer_than_the_policy_allows_is_not_waited_for,
            }
            spans {
                a_get_is_one_client_span_with_the_template_and_no_key_value,
                a_retried_call_is_one_span_counting_its_resends,
                an_api_error_span_has_the_status_as_its_error_type,
                a_timed_out_call_has_the_timeout_error_type,
                oauth_calls_are_client_spans_with_the_oauth_path,
            }
            timeouts {
                a_server_that_never_answers_times_out_within_the_bound,
                each_attempt_of_a_get_has_its_own_timeout_and_the_total_stays_bounded,
                a_connection_closed_mid_response_is_retried_for_get,
                a_connection_closed_mid_response_to_create_is_a_transport_error,
                a_connection_closed_in_the_head_is_a_reset_too,
                a_refused_connection_is_a_connect_error,
                a_body_over_the_size_limit_is_refused,
            }
            hostile {
                a_daily_rate_limit_is_sent_twice_and_reported_with_its_reset,
                a_daily_rate_limit_without_date_resets_at_the_next_midnight_from_now,
                a_retry_after_beyond_the_cap_is_not_waited_for,
                retry_after_zero_and_garbage_are_retried,
                five_xx_keeps_every_attempt,
                the_total_timeout_bounds_a_server_that_answers_503_slowly,
                the_total_timeout_cuts_an_attempt_short,
                a_gigabyte_announced_is_refused_before_reading,
                an_endless_chunked_body_stops_at_the_limit,
                slow_headers_and_slow_bodies_time_out,
                redirects_are_not_followed,
                a_close_mid_body_is_retried_for_a_get,
                an_http_1_0_answer_is_read_to_the_close,
                fifty_callers_with_a_one_second_token_refresh_once_per_expiry,
                a_token_answer_with_expires_in_zero_is_not_refreshed_by_every_waiter,
                ten_sequential_calls_with_a_sixty_second_token_refresh_once,
            }
            paging {
                paginate_yields_every_element_exactly_once_across_five_pages,
                without_a_total_paging_ends_at_the_first_empty_page_without_yielding_it,
                paging_starts_at_the_requests_start_and_uses_the_default_count,
                a_request_without_a_window_pages_by_the_default_size,
                a_server_capping_the_page_size_is_followed_without_gaps,
                a_server_ignoring_start_ends_with_a_paging_error,
                an_error_page_ends_the_walk_after_the_pages_before_it,
                an_empty_collection_yields_its_one_empty_page,
            }
            documented {
                create_reads_the_raw_restli_id_as_a_urn,
                create_with_an_id_of_another_type_is_still_a_success,
                batch_get_finds_raw_urn_keys,
                a_cursor_paged_finder_yields_every_element_once_and_stops,
                a_finder_that_turns_out_cursor_paged_sends_page_size_and_ends,
                userinfo_is_reached_under_v2_from_a_versioned_client,
            }
            tokens {
                fifty_concurrent_calls_with_an_expiring_token_cause_exactly_one_refresh,
                a_failed_refresh_reaches_every_waiting_caller_as_a_typed_error,
                a_failed_refresh_ahead_of_expiry_keeps_the_valid_token,
                an_expired_token_without_refresh_token_is_an_error_before_any_request,
                a_client_credentials_source_fetches_one_token_for_concurrent_calls,
                the_builder_oauth_base_url_also_serves_the_token_source,
                the_refresh_callback_may_read_the_client_tokens,
                a_client_without_any_token_says_how_to_configure_one,
                the_oauth_calls_exchange_refresh_fetch_and_introspect,
                oauth_calls_without_an_application_say_how_to_configure_one,
            }
            sandbox {
                a_resource_lives_through_create_read_update_search_and_delete,
                injected_faults_are_retried_by_the_policy,
                a_two_legged_token_source_works_against_the_sandbox_oauth,
            }
            logs {
                logs_at_trace_level_never_contain_a_token_or_the_client_secret,
            }
            secrets {
                no_debug_shows_a_secret,
            }
            uploads {
                an_image_from_a_file_is_uploaded_and_available,
                a_document_from_a_reader_is_uploaded,
                a_multi_part_video_reaches_available,
                a_part_failing_once_is_retried,
                a_part_failing_for_good_names_it_and_nothing_is_finalized,
                a_video_that_fails_processing_is_a_typed_error,
                a_missing_file_is_a_read_error_before_anything_is_sent,
                a_video_is_uploaded_as_the_videos_page_shows,
            }
            reports {
                daily_campaign_rows_over_half_a_year_add_up_to_the_account_totals,
                a_report_over_the_cap_is_split_and_merged_with_no_row_lost_or_doubled,
                the_documented_report_answer_is_read_and_a_refused_window_split,
                a_bad_report_is_refused_before_anything_is_sent,
            }
            typed_apis {
                posts_comments_and_reactions_live_through_their_handles,
                organizations_identity_and_ads_work_through_their_handles,
                sign_in_with_linkedin_verifies_the_id_token_and_its_nonce,
                the_handles_read_the_answers_linkedins_pages_show,
            }
        }
    };
}

/// The expansion of [`transport_suite!`]: a module per scenario module, a
/// `#[test]` per scenario.
#[doc(hidden)]
#[macro_export]
macro_rules! __scenarios {
    ($adapter:ident; $($module:ident { $($scenario:ident),* $(,)? })*) => {
        $(
            mod $module {
                $(
                    #[test]
                    fn $scenario() {
                        $crate::$module::$scenario::<super::$adapter>();
                    }
                )*
            }
        )*
    };
}
