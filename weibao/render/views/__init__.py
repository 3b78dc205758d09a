"""Document views: each record or report turned into the blocks of the printed page, shared by every format."""
