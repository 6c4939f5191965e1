"""Forms parse what people type; the services do the writing. Import the module that
holds the form."""
