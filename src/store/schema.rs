//! The schema: numbered migrations from `migrations/`, applied at open, the
//! connection settings, and whether derived tables written by an older
//! version must be rebuilt.

use super::*;

/// Numbered migrations from `migrations/`, applied in order at start-up.
pub(in crate::store) fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../../migrations/0001_init.sql")),
        M::up(include_str!("../../migrations/0002_location.sql")),
        M::up(include_str!("../../migrations/0003_read_paths.sql")),
        M::up(include_str!("../../migrations/0004_incremental.sql")),
        M::up(include_str!("../../migrations/0005_kind_stats.sql")),
        M::up(include_str!("../../migrations/0006_undated_index.sql")),
        M::up(include_str!("../../migrations/0007_clustered.sql")),
        M::up(include_str!("../../migrations/0008_day_stats.sql")),
        M::up(include_str!("../../migrations/0009_event_actor_ids.sql")),
        M::up(include_str!("../../migrations/0010_recent_articles.sql")),
        M::up(include_str!("../../migrations/0011_search.sql")),
        M::up(include_str!("../../migrations/0012_article_url.sql")),
        M::up(include_str!("../../migrations/0013_article_search.sql")),
        M::up(include_str!("../../migrations/0014_actor_tally.sql")),
        M::up(include_str!("../../migrations/0015_mention_groups_covered.sql")),
        M::up(include_str!("../../migrations/0016_event_links_unchecked.sql")),
        M::up(include_str!("../../migrations/0017_unknown_names.sql")),
        M::up(include_str!("../../migrations/0018_gists_and_outlets.sql")),
        M::up(include_str!("../../migrations/0019_day_shapes.sql")),
        M::up(include_str!("../../migrations/0020_corrections.sql")),
        M::up(include_str!("../../migrations/0021_corrections_by_event.sql")),
    ])
}

pub(in crate::store) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

impl Writer<'_> {
    /// Derived tables written by an older version (before a migration added
    /// columns to them, or recreated them empty) must be rebuilt from the
    /// mentions.
    pub fn needs_rebuild(&self) -> Result<bool> {
        let stale: i64 = self.tx.query_row(
            "SELECT (SELECT COUNT(*) FROM events WHERE group_key = '')
                  + (EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM actor_stats))
                  + EXISTS (SELECT 1 FROM mentions WHERE group_key = '')
                  + (EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM kind_stats))
                  + (EXISTS (SELECT 1 FROM mentions) AND NOT EXISTS (SELECT 1 FROM events))
                  + (EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM day_kinds))
                  + (EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM month_actors))",
            [],
            |r| r.get(0),
        )?;
        Ok(stale > 0)
    }
}
