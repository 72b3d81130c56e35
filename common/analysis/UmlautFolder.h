#pragma once
// UmlautFolder: umlauts written as two letters (`ae`, `oe`, `ue`), as on an English keyboard,
// become the umlaut (`Nuernberg` -> `nürnberg`, `Kloepfer` -> `klöpfer`), like Snowball's
// german2 variant (which Debian's libstemmer lacks).
//
// Contract: input is a normalised (case-folded) word; `ue` after `q` (`quelle`) and any of
// the pairs after a vowel (`feuer`, `bauer`, `treue`) are left alone, except where German
// spelling leaves no doubt: after `qu` (`quaelen`), `ae` after `e` (`geaendert`), and `oe`/`ue`
// after the prefix `ge` (`geoeffnet`, `geuebt`). Applied to index and
// query words alike, so both spellings meet on one term; words that differ only in this
// way are merged (`Goethe` = `Göthe`), which is the point. Stateless.

#include <string>

namespace lupe::analysis {

void fold_umlaut_digraphs(std::string& word);

}  // namespace lupe::analysis
