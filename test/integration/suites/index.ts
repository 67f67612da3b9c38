import './activation.test';
