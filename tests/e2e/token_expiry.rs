//! A token that expires in the middle of a run: the call fails with a token code, the client
//! fetches a new token, retries once and carries on where it was.

use std::num::NonZeroU32;
use std::time::Duration;

use feishu_application::types::{Lang, ListUnderAuditAppsData};
use feishu_fake::{Config, seed};

use crate::support::{envelope, fetch_token, with_token};

/// Feishu's "fetch a new token and retry once" codes.
const TOKEN_CODES: [i64; 3] = [99991663, 99991664, 99991671];

#[tokio::test]
async fn pagination_survives_a_token_expiring_between_pages() {
    let fake = feishu_fake::start(Config {
        token_ttl: Duration::from_secs(60),
        ..Config::default()
    })
    .await
    .unwrap();
    let mut client = with_token(&fake, &fetch_token(&fake).await);
    let size = NonZeroU32::new(10);
    let mut items = Vec::new();
    let mut page_token: Option<String> = None;
    let mut refreshed = 0;
    loop {
        if items.len() == 20 && refreshed == 0 {
            // Two pages in, the token runs out (the page token lives on).
            fake.advance_clock(Duration::from_secs(61));
        }
        let data: ListUnderAuditAppsData = match client
            .list_under_audit_apps(&Lang::ZhCn, size, page_token.as_deref(), None)
            .await
        {
            Ok(answer) => answer.into_inner().data.unwrap(),
            Err(error) => {
                let (status, body) = envelope(error);
                assert_eq!(status, 400);
                assert!(
                    TOKEN_CODES.contains(&body.code),
                    "{}: {}",
                    body.code,
                    body.msg
                );
                assert_eq!(refreshed, 0, "one refresh is enough");
                refreshed += 1;
                client = with_token(&fake, &fetch_token(&fake).await);
                continue;
            }
        };
        items.extend(data.items);
        match data.page_token {
            Some(next) if data.has_more == Some(true) => page_token = Some(next),
            _ => break,
        }
    }
    assert_eq!(refreshed, 1);
    assert_eq!(items.len(), seed::PENDING_APPS);
}
