#pragma once
// IndexFolder: opening an index folder for reading or writing, with its version check.
//
// Contract: an index records the schema version and the analyzer fingerprint it was built
// with (Xapian metadata). Opening an index built with another schema or analyzer throws
// IndexVersionError ("re-index needed") instead of silently matching the wrong terms.
// A folder that is not a Lupe index, a locked index and other failures throw IndexError
// subclasses whose message names the folder and the reason (never a Xapian internal).

#include <stdexcept>
#include <string>

#include <xapian.h>

namespace lupe {

class IndexError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};
class IndexNotFoundError : public IndexError {
public:
    using IndexError::IndexError;
};
class IndexLockedError : public IndexError {
public:
    using IndexError::IndexError;
};
class IndexVersionError : public IndexError {
public:
    using IndexError::IndexError;
};

// The fingerprint this build's analyzer writes (schema version + analyzer behaviour).
std::string current_analyzer_fingerprint();

// Creates the folder and database when missing.
Xapian::WritableDatabase open_index_for_writing(const std::string& folder);

Xapian::Database open_index_for_reading(const std::string& folder);

}  // namespace lupe
