/* sphinx-annotated-reader: cards and citations (progressive enhancement). */
"use strict";
