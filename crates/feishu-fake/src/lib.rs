//! feishu-fake (placeholder until its issue lands).
