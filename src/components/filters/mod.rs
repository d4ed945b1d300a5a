//! The list's controls. Each reads the current `View` and writes a new one
//! through `SetView`; none keeps filter state of its own.

mod choices;
mod date;
mod histogram;
mod search;
mod unread;

pub use choices::{ChoiceFilter, ChoiceWords};
pub use date::DateFilter;
pub use histogram::Histogram;
pub use search::{is_text_field, SearchBox, SortChoice};
pub use unread::unread_only;
