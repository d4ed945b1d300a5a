//! The list's controls. Each reads the current `View` and writes a new one
//! through `SetView`; none keeps filter state of its own (a find typed into
//! a filter's values and "Show all" aside, which are the panel's).

mod choices;
mod date;
mod header;
mod histogram;
mod panel;
mod parts;
mod search;

pub use header::{list_header, HeaderWords};
pub use panel::filter_controls;
pub use parts::ListInputs;
pub use search::is_text_field;
