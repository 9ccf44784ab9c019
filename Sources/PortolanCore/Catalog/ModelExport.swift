// The schema model and the pack reader live in PortolanModel, so that the build-time PackEmbedder can check the
// built-in packs with the reader the binary uses for user packs; every user of PortolanCore sees them as before.
@_exported import PortolanModel
